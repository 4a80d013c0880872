package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code store add} refuses a bad command line before it opens, and so creates, the store. */
class StoreAddArgumentsTest {
  @TempDir Path tmp;

  @Test
  void aMissingSourceIsRefusedWithoutCreatingTheRoot() {
    Path root = tmp.resolve("root");
    Path missing = tmp.resolve("missing");

    InProcess.Result r = add(root, missing.toString());

    assertThat(r.exit()).isEqualTo(ErrorHandler.FAILED);
    assertThat(r.err())
        .isEqualTo("error: " + missing + " does not exist; give a file or directory to add\n");
    assertThat(root).doesNotExist();
  }

  @Test
  void aBadNameIsRefusedWithoutCreatingTheRoot() throws Exception {
    Path root = tmp.resolve("root");
    Path file = Files.writeString(tmp.resolve("file"), "x");

    InProcess.Result r = add(root, "--name", ".hidden", file.toString());

    assertThat(r.exit()).isEqualTo(ErrorHandler.FAILED);
    assertThat(r.err()).isEqualTo("error: store path name '.hidden' cannot start with '.'\n");
    assertThat(root).doesNotExist();
  }

  @Test
  void nameWithTwoSourcesIsRefusedWithoutCreatingTheRoot() throws Exception {
    Path root = tmp.resolve("root");
    Path a = Files.writeString(tmp.resolve("a"), "a");

    InProcess.Result r = add(root, "--name", "x", a.toString(), a.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--name applies to one PATH only");
    assertThat(root).doesNotExist();
  }

  @Test
  void aGoodSourceIsAdded() throws Exception {
    Path root = tmp.resolve("root");
    Path file = Files.writeString(tmp.resolve("file"), "x");

    InProcess.Result r = add(root, file.toString());

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith(root.resolve("store").toString() + "/").endsWith("-file\n");
  }

  private static InProcess.Result add(Path root, String... args) {
    List<String> line = new ArrayList<>(List.of("--root", root.toString(), "store", "add"));
    line.addAll(List.of(args));
    return InProcess.run(() -> Main.run(line.toArray(String[]::new)));
  }
}
