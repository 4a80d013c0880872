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

    List<Path> libs = libraries(root.resolve("db/native"));
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

  /**
   * With the installation's directory named (the launcher names lib/native beside its jars), the
   * library is unpacked there once and every root uses it; where that directory cannot be made (a
   * file in its place stands in for one the user may not write: the tests run as root), under the
   * root as before.
   */
  @Test
  void anInstallationsDirectoryIsSharedByAllRootsWhereItCanBeWritten() throws Exception {
    Path shared = tmp.resolve("lib/native");
    String option = "-Dcairn.native.dir=" + shared;
    for (String name : List.of("a", "b")) {
      Path root = tmp.resolve(name);
      Cairn.at(root).withEnv("JAVA_TOOL_OPTIONS", option).run("store", "gc", "--dry-run").ok();
      assertThat(root.resolve("db/native")).doesNotExist();
    }
    assertThat(libraries(shared)).hasSize(1);

    Path blocked = Files.writeString(tmp.resolve("blocked"), "not a directory");
    Path root = tmp.resolve("c");
    Cairn.at(root)
        .withEnv("JAVA_TOOL_OPTIONS", "-Dcairn.native.dir=" + blocked)
        .run("store", "gc", "--dry-run")
        .ok();
    assertThat(libraries(root.resolve("db/native"))).hasSize(1);
  }

  private static List<Path> libraries(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().contains("sqlitejdbc")).toList();
    }
  }
}
