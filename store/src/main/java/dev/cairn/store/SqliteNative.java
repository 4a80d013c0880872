package dev.cairn.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.util.OSInfo;

/**
 * Keeps SQLite's native library unpacked. Left to itself, sqlite-jdbc copies the library out of its
 * jar into the temporary directory and compares it byte by byte on every start — a tenth of a
 * second per command, and copies left behind by killed processes. Here it is unpacked once per
 * sqlite-jdbc version: into the directory the launcher names in {@value #SHARED_DIR} (beside the
 * installation's own jars, and as trusted as they are), shared by every root, or else under the
 * store root, a directory only the root's owner writes. Never into a shared {@code /tmp}, where
 * another user could plant a library.
 */
final class SqliteNative {
  private static final String LIB_PATH = "org.sqlite.lib.path";
  private static final String LIB_NAME = "org.sqlite.lib.name";
  private static final String TMP_DIR = "org.sqlite.tmpdir";

  /**
   * The system property naming the installation's directory for native libraries. Unpacking into a
   * root costs a tenth of a second (a process to learn the platform, a megabyte inflated), which
   * every fresh root would pay: a target's first session, each test's store.
   */
  static final String SHARED_DIR = "cairn.native.dir";

  private SqliteNative() {}

  /**
   * Points sqlite-jdbc at an unpacked copy in the installation's directory or under {@code
   * rootDir}, unpacking it if neither has one.
   */
  static synchronized void prepare(Path rootDir) {
    if (System.getProperty(LIB_PATH) != null) {
      return; // chosen by the user, or done already
    }
    String name = System.mapLibraryName("sqlitejdbc");
    // Found by the JVM's own platform names: sqlite-jdbc's (OSInfo) are asked only to unpack, as
    // on Linux they cost a process ("uname -o", looking for Android), 20 ms of every command.
    Path relative =
        Path.of(
            version(), System.getProperty("os.name") + "-" + System.getProperty("os.arch"), name);
    List<Path> dirs = new ArrayList<>();
    String shared = System.getProperty(SHARED_DIR);
    if (shared != null && !shared.isBlank()) {
      dirs.add(Path.of(shared));
    }
    dirs.add(rootDir);
    Path found = null;
    for (Path dir : dirs) {
      Path candidate = dir.resolve(relative);
      if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
        found = candidate;
        break;
      }
    }
    for (int i = 0; found == null && i < dirs.size(); i++) {
      Path target = dirs.get(i).resolve(relative);
      try {
        if (!unpack(name, target)) {
          return; // no bundled library for this platform: let sqlite-jdbc find one itself
        }
        found = target;
      } catch (IOException | RuntimeException e) {
        // Not writable here (an installation owned by another user): the next place, and at
        // worst sqlite-jdbc's own (slower) way. So it goes too if the copy cannot be loaded (a
        // root shared with a machine of another C library).
      }
    }
    if (found == null) {
      return;
    }
    System.setProperty(LIB_PATH, found.getParent().toString());
    System.setProperty(LIB_NAME, name);
    if (System.getProperty(TMP_DIR) == null) {
      // Where the driver looks for stale copies of its own at every start: not the whole of /tmp,
      // then, but a directory that holds one file.
      System.setProperty(TMP_DIR, found.getParent().toString());
    }
  }

  /** Copies the library for this platform out of sqlite-jdbc's jar; false if there is none. */
  private static boolean unpack(String name, Path target) throws IOException {
    String resource =
        "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
    try (InputStream in = SqliteNative.class.getResourceAsStream(resource)) {
      if (in == null) {
        return false;
      }
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), name, ".tmp");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        // Readable by all, as the jar it comes from: an installation's users share it.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      return true;
    }
  }

  private static String version() {
    String v = org.sqlite.SQLiteJDBCLoader.getVersion();
    return "sqlite-jdbc-" + (v == null ? "unknown" : v);
  }
}
