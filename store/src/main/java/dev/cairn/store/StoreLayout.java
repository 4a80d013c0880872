package dev.cairn.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a store keeps its files. The physical root holds the store directory's files, the metadata
 * database, profiles, garbage-collector roots, locks, logs and temporary directories. The logical
 * store directory is what store paths are hashed against; it is {@code <root>/store} by default,
 * and may be another directory such as {@code /nix/store}, whose files then live under {@code
 * <root>/nix/store} (as in Nix's chroot stores).
 *
 * @param root the physical root
 * @param storeDir the logical store directory
 * @param physicalStoreDir where the files of {@code storeDir} live
 */
public record StoreLayout(Path root, StoreDir storeDir, Path physicalStoreDir) {
  /** Checks the paths. */
  public StoreLayout {
    Objects.requireNonNull(storeDir, "storeDir");
    root = root.toAbsolutePath().normalize();
    physicalStoreDir = physicalStoreDir.toAbsolutePath().normalize();
  }

  /**
   * Lays out a store under {@code root}; {@code logicalStoreDir} may be null for the default {@code
   * <root>/store}. A logical directory outside {@code root} is kept under {@code <root>/<logical
   * directory>}.
   */
  public static StoreLayout of(Path root, String logicalStoreDir) {
    Path absRoot = root.toAbsolutePath().normalize();
    if (logicalStoreDir == null) {
      Path store = absRoot.resolve("store");
      return new StoreLayout(absRoot, new StoreDir(store.toString()), store);
    }
    Path logical = Path.of(logicalStoreDir).toAbsolutePath().normalize();
    Path physical =
        logical.startsWith(absRoot) ? logical : absRoot.resolve(logical.toString().substring(1));
    return new StoreLayout(absRoot, new StoreDir(logical.toString()), physical);
  }

  /** Returns whether files live where their store paths say. */
  public boolean isPhysicalSameAsLogical() {
    return physicalStoreDir.toString().equals(storeDir.path());
  }

  /** Returns where the files of {@code path} live. */
  public Path physical(StorePath path) {
    return physicalStoreDir.resolve(path.baseName());
  }

  /** Returns the directory of the metadata database. */
  public Path dbDir() {
    return root.resolve("db");
  }

  /** Returns the directory of profiles. */
  public Path profilesDir() {
    return root.resolve("profiles");
  }

  /** Returns the directory of registered garbage-collector roots. */
  public Path gcRootsDir() {
    return root.resolve("gcroots");
  }

  /** Returns the directory of the temporary roots of running processes. */
  public Path tempRootsDir() {
    return root.resolve("temproots");
  }

  /** Returns the directory of lock files. */
  public Path locksDir() {
    return root.resolve("locks");
  }

  /** Returns the directory of build logs. */
  public Path logsDir() {
    return root.resolve("logs");
  }

  /**
   * Returns the directory for temporary build and import directories: inside the root, so that a
   * finished directory can be renamed atomically into the store.
   */
  public Path tmpDir() {
    return root.resolve("tmp");
  }
}
