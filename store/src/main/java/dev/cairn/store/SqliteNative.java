package dev.cairn.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.OSInfo;

/**
 * Keeps SQLite's native library unpacked under the store root. Left to itself, sqlite-jdbc copies
 * the library out of its jar into the temporary directory and compares it byte by byte on every
 * start — a tenth of a second per command, and copies left behind by killed processes. Here it is
 * unpacked once per sqlite-jdbc version, into a directory only the root's owner writes (never a
 * shared {@code /tmp}, where another user could plant a library).
 */
final class SqliteNative {
  private static final String LIB_PATH = "org.sqlite.lib.path";
  private static final String LIB_NAME = "org.sqlite.lib.name";
  private static final String TMP_DIR = "org.sqlite.tmpdir";

  private SqliteNative() {}

  /** Points sqlite-jdbc at an unpacked copy under {@code dir}, unpacking it if needed. */
  static synchronized void prepare(Path dir) {
    if (System.getProperty(LIB_PATH) != null) {
      return; // chosen by the user, or done already
    }
    String name = System.mapLibraryName("sqlitejdbc");
    // Found by the JVM's own platform names: sqlite-jdbc's (OSInfo) are asked only to unpack, as
    // on Linux they cost a process ("uname -o", looking for Android), 20 ms of every command.
    Path target =
        dir.resolve(version())
            .resolve(System.getProperty("os.name") + "-" + System.getProperty("os.arch"))
            .resolve(name);
    try {
      if (!Files.isRegularFile(target) && !unpack(name, target)) {
        return; // no bundled library for this platform: let sqlite-jdbc find one itself
      }
      System.setProperty(LIB_PATH, target.getParent().toString());
      System.setProperty(LIB_NAME, name);
      if (System.getProperty(TMP_DIR) == null) {
        // Where the driver looks for stale copies of its own at every start: not the whole of
        // /tmp, then, but a directory that holds one file.
        System.setProperty(TMP_DIR, target.getParent().toString());
      }
    } catch (IOException | RuntimeException e) {
      // Not fatal: sqlite-jdbc then unpacks the library its own (slower) way. So it does too if
      // the copy cannot be loaded here (a root shared with a machine of another C library).
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
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return true;
    }
  }

  private static String version() {
    String v = org.sqlite.SQLiteJDBCLoader.getVersion();
    return "sqlite-jdbc-" + (v == null ? "unknown" : v);
  }
}
