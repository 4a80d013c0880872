package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code store hash PATH} and {@code store dump PATH} run without picocli's command tree, and must
 * answer as the tree does. (That the dump is Nix's NAR, byte for byte, NixInteropIT checks through
 * this path.)
 */
class TreeCommandTest {
  @TempDir Path tmp;

  @Test
  void hashPrintsWhatTheCommandTreePrints() throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    Files.writeString(tree.resolve("a"), "a file\n");
    String path = tree.toString();

    InProcess.Result fast =
        InProcess.run(() -> Main.treeCommand("--root", "/r", "store", "hash", path).run(stderr()));
    InProcess.Result slow = InProcess.run(() -> Main.run("--root", "/r", "store", "hash", path));

    assertThat(fast.exit()).isZero();
    assertThat(fast.out()).startsWith("sha256:").contains("\nsha256-").isEqualTo(slow.out());
    assertThat(fast.err()).isEmpty();
  }

  @Test
  void aMissingPathIsTheSameErrorBothWays() throws Exception {
    String missing = tmp.resolve("missing").toString();
    for (String command : new String[] {"hash", "dump"}) {
      InProcess.Result fast =
          InProcess.run(() -> Main.treeCommand("store", command, missing).run(stderr()));
      InProcess.Result slow = InProcess.run(() -> Main.run("store", command, missing));

      assertThat(fast.exit()).isEqualTo(slow.exit()).isEqualTo(ErrorHandler.FAILED);
      assertThat(fast.err())
          .isEqualTo("error: " + missing + " does not exist\n")
          .isEqualTo(slow.err());
      assertThat(fast.out()).isEmpty();
    }
  }

  /**
   * As {@code cairn store hash DIR > /dev/full}: the output is lost, and the exit code says so,
   * whether the command ran through picocli or not; a reader that went away ({@code | head}) is no
   * failure.
   */
  @Test
  void outputThatCannotBeWrittenFailsTheCommand() throws Exception {
    String path = Files.writeString(tmp.resolve("file"), "x").toString();
    for (String[] line :
        List.of(
            new String[] {"store", "hash", path},
            new String[] {"store", "hash", "--json", path},
            new String[] {"--version"})) {
      InProcess.Result full =
          InProcess.runErr(() -> Main.execute(failing("No space left on device"), line));
      assertThat(full.exit()).as(String.join(" ", line)).isEqualTo(ErrorHandler.FAILED);
      assertThat(full.err())
          .isEqualTo(
              "error: cannot write to standard output: No space left on device; what was printed"
                  + " is incomplete\n");

      InProcess.Result gone = InProcess.runErr(() -> Main.execute(failing("Broken pipe"), line));
      assertThat(gone.exit()).as(String.join(" ", line)).isZero();
      assertThat(gone.err()).isEmpty();
    }
  }

  private static OutputStream failing(String why) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(why);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException(why);
      }
    };
  }

  /** Arguments Java cannot take as paths go to picocli, which says what is wrong with them. */
  @Test
  void aPathJavaCannotRepresentGoesToPicocli() {
    assertThat(Main.treeCommand("store", "hash", "a\0b")).isNull();
    assertThat(Main.treeCommand("--root", "a\0b", "store", "dump", "x")).isNull();
  }

  /** Picocli's message for such a path says what is wrong, and what to do under the C locale. */
  @Test
  void aPathJavaCannotRepresentIsAnErrorThatSaysWhy() {
    InProcess.Result c = InProcess.run(() -> Main.run("store", "hash", "a\0b"));
    assertThat(c.exit()).isEqualTo(2);
    assertThat(c.err())
        .startsWith("error: Invalid value for positional parameter at index 0 (PATH): 'a")
        .contains("is not a path Java can use here (Nul character not allowed)")
        .contains("see 'cairn store hash --help'");
    // A command that takes its paths as strings (store add) converts them itself: the same error.
    InProcess.Result add = InProcess.run(() -> Main.run("--root", root(), "store", "add", "a\0b"));
    assertThat(add.exit()).isEqualTo(ErrorHandler.FAILED);
    assertThat(add.err())
        .startsWith("error: 'a")
        .contains("is not a path Java can use here (Nul character not allowed)");
    assertThat(Main.localeHint("ANSI_X3.4-1968"))
        .isEqualTo(
            "; Java reads file names as ANSI_X3.4-1968, from the locale: run Cairn with a UTF-8"
                + " locale, e.g. LANG=C.UTF-8");
    assertThat(Main.localeHint("UTF-8")).isEmpty();
    assertThat(Main.localeHint("utf8")).isEmpty();
  }

  @Test
  void globalOptionsBeforeStoreTakeTheFastPath() {
    Main.FastPath t =
        Main.treeCommand(
            "--root=/r", "--store-dir", "/nix/store", "--stacktrace", "store", "dump", "x");
    assertThat(t).isNotNull();
    assertThat(t.main().root).isEqualTo(Path.of("/r"));
    assertThat(t.main().storeDir).isEqualTo("/nix/store");
    assertThat(t.main().stacktrace).isTrue();
    assertThat(t.command()).isInstanceOf(NarCommands.Dump.class);
    assertThat(((NarCommands.Dump) t.command()).path).isEqualTo(Path.of("x"));
    assertThat(Main.treeCommand("store", "hash", "x").command())
        .isInstanceOf(NarCommands.HashCommand.class);
  }

  /** Lines picocli answers otherwise (options, help, errors, argument files, other commands). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "store hash",
        "store hash --json x",
        "store hash x --json",
        "store hash -h",
        "store hash --help",
        "store hash @args",
        "store hash x y",
        "store --root /r hash x",
        "store add x",
        "store restore x",
        "--version store hash x",
        "--root store hash x",
        "--root @r store hash x",
        "--store-dir=@s store dump x",
        "--bogus store hash x",
        "--stacktrace --stacktrace store hash x",
        "hash x",
        "x store hash x"
      })
  void anythingElseGoesToPicocli(String line) {
    assertThat(Main.treeCommand(line.split(" "))).isNull();
  }

  private String root() {
    return tmp.resolve("root").toString();
  }

  private static PrintWriter stderr() {
    return new PrintWriter(System.err, true);
  }
}
