package dev.cairn.store.nar;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.cairn.store.StoreException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Gives a store tree Nix's canonical metadata, and removes read-only trees. Symlinks are never
 * followed: only the tree's own entries are touched.
 */
public final class Canonicalizer {
  /** The modification time of everything in a Nix store: one second after the epoch. */
  public static final FileTime STORE_MTIME = FileTime.fromMillis(1000);

  private static final Set<PosixFilePermission> READ_ONLY =
      PosixFilePermissions.fromString("r--r--r--");
  private static final Set<PosixFilePermission> EXECUTABLE =
      PosixFilePermissions.fromString("r-xr-xr-x");
  private static final FileAttribute<Set<PosixFilePermission>> READ_ONLY_MODE =
      PosixFilePermissions.asFileAttribute(READ_ONLY);
  private static final FileAttribute<Set<PosixFilePermission>> EXECUTABLE_MODE =
      PosixFilePermissions.asFileAttribute(EXECUTABLE);

  private Canonicalizer() {}

  /**
   * Sets every entry's modification time to {@link #STORE_MTIME} (symlinks' own, not their
   * targets'), regular files to 0444, or 0555 when owner-executable, and directories to 0555.
   *
   * @throws StoreException if the tree holds a device, socket or FIFO
   * @throws IOException if an entry cannot be changed (for example because another user owns it)
   */
  public static void canonicalize(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            if (attributes.isRegularFile()) {
              boolean executable =
                  Permissions.get(file).contains(PosixFilePermission.OWNER_EXECUTE);
              Permissions.set(file, executable ? EXECUTABLE : READ_ONLY);
            } else if (!attributes.isSymbolicLink()) {
              // Also, the JDK would open a FIFO to set its times, and block.
              throw new StoreException(
                  "'"
                      + file
                      + "' is neither a regular file, a directory nor a symlink; a store path"
                      + " cannot hold it, remove it");
            }
            setMtime(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure)
              throws IOException {
            if (failure != null) {
              throw failure;
            }
            Permissions.set(dir, EXECUTABLE);
            setMtime(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Makes every directory under {@code root} owner-readable, -writable and -searchable so that the
   * tree can be changed or deleted. Symlinks are not followed.
   *
   * @throws IOException if a directory's permissions cannot be changed
   */
  public static void makeWritable(Path root) throws IOException {
    if (!Files.isDirectory(root, NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            makeOwnerWritable(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Deletes the tree at {@code root}, even a read-only one, without following symlinks; does
   * nothing if {@code root} does not exist.
   *
   * @throws IOException if something cannot be deleted
   */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            makeOwnerWritable(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException failure)
              throws IOException {
            // A directory its owner cannot list: open it up, then start again below it.
            if (Files.isDirectory(file, NOFOLLOW_LINKS) && makeOwnerWritable(file)) {
              deleteTree(file);
              return FileVisitResult.CONTINUE;
            }
            throw failure;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure)
              throws IOException {
            if (failure != null) {
              throw failure;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Makes a regular file or directory that this process has just created, in a directory it created
   * itself, canonical as {@link #canonicalize} would (a directory once its entries are in place).
   * Such an entry is no symlink, so it is changed by path: one chmod and one utimes, where a walk
   * afterwards would also list, stat and open every entry.
   */
  static void canonicalizeCreated(Path path, boolean executable) throws IOException {
    Files.setPosixFilePermissions(path, executable ? EXECUTABLE : READ_ONLY);
    Files.setLastModifiedTime(path, STORE_MTIME);
  }

  /** Whether the regular file {@code path} has its canonical mode. */
  static boolean hasMode(Path path, boolean executable) throws IOException {
    return Files.getPosixFilePermissions(path, NOFOLLOW_LINKS)
        .equals(executable ? EXECUTABLE : READ_ONLY);
  }

  /** The canonical mode of a regular file, as an attribute to create it with. */
  static FileAttribute<Set<PosixFilePermission>> mode(boolean executable) {
    return executable ? EXECUTABLE_MODE : READ_ONLY_MODE;
  }

  /**
   * Sets the modification time of the regular file {@code path} to {@link #STORE_MTIME} and its
   * access time to {@code accessed}: giving both spares the JDK reading the old ones first.
   */
  static void setTimes(Path path, FileTime accessed) throws IOException {
    Files.getFileAttributeView(path, BasicFileAttributeView.class)
        .setTimes(STORE_MTIME, accessed, null);
  }

  /** Sets the modification time of {@code path} itself, even if it is a symlink. */
  static void setMtime(Path path) throws IOException {
    Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW_LINKS)
        .setTimes(STORE_MTIME, null, null);
  }

  /** Adds u+rwx; returns whether anything changed. */
  private static boolean makeOwnerWritable(Path dir) throws IOException {
    Set<PosixFilePermission> permissions = Permissions.get(dir);
    boolean changed =
        permissions.addAll(
            Set.of(
                PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
    if (changed) {
      Permissions.set(dir, permissions);
    }
    return changed;
  }
}
