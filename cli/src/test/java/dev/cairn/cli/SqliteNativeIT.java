package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's native library is unpacked into the root by the first command and reused after. */
class SqliteNativeIT {
  @TempDir Path tmp;

  @Test
  void unpacksTheLibraryOnceAndLoadsItFromTheRootAfterwards() throws Exception {
    Path root = tmp.resolve("root");
    Cairn cairn = new Cairn(root, null);
    cairn.run("store", "gc", "--dry-run").ok();

    List<Path> libs;
    try (Stream<Path> files = Files.walk(root.resolve("db/native"))) {
      libs = files.filter(p -> p.getFileName().toString().contains("sqlitejdbc")).toList();
    }
    assertThat(libs).hasSize(1);
    Path lib = libs.get(0);
    assertThat(lib.getParent().getFileName())
        .hasToString(System.getProperty("os.name") + "-" + System.getProperty("os.arch"));
    Object file = Files.readAttributes(lib, "unix:ino").get("ino");
    FileTime marked = FileTime.fromMillis(0);
    Files.setLastModifiedTime(lib, marked);

    cairn.run("store", "gc", "--dry-run").ok();

    assertThat(Files.readAttributes(lib, "unix:ino").get("ino")).isEqualTo(file);
    assertThat(Files.getLastModifiedTime(lib)).isEqualTo(marked);
  }
}
