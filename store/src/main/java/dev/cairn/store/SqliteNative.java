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

  private SqliteNative() {}

  /** Points sqlite-jdbc at an unpacked copy under {@code dir}, unpacking it if needed. */
  static synchronized void prepare(Path dir) {
    if (System.getProperty(LIB_PATH) != null) {
      return; // chosen by the user, or done already
    }
    String name = System.mapLibraryName("sqlitejdbc");
    String resource =
        "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
    try (InputStream in = SqliteNative.class.getResourceAsStream(resource)) {
      if (in == null) {
        return; // no bundled library for this platform: let sqlite-jdbc find one itself
      }
      Path target = dir.resolve(version()).resolve(name);
      if (!Files.isRegularFile(target)) {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), name, ".tmp");
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      System.setProperty(LIB_PATH, target.getParent().toString());
      System.setProperty(LIB_NAME, name);
    } catch (IOException | RuntimeException e) {
      // Not fatal: sqlite-jdbc then unpacks the library its own (slower) way.
    }
  }

  private static String version() {
    String v = org.sqlite.SQLiteJDBCLoader.getVersion();
    return "sqlite-jdbc-" + (v == null ? "unknown" : v);
  }
}
