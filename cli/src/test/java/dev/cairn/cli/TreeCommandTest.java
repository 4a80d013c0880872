package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;
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

    Captured fast =
        capture(() -> Main.treeCommand("--root", "/r", "store", "hash", path).run(stderr()));
    Captured slow = capture(() -> Main.run("--root", "/r", "store", "hash", path));

    assertThat(fast.exit()).isZero();
    assertThat(fast.out()).startsWith("sha256:").contains("\nsha256-").isEqualTo(slow.out());
    assertThat(fast.err()).isEmpty();
  }

  @Test
  void aMissingPathIsTheSameErrorBothWays() throws Exception {
    String missing = tmp.resolve("missing").toString();
    for (String command : new String[] {"hash", "dump"}) {
      Captured fast = capture(() -> Main.treeCommand("store", command, missing).run(stderr()));
      Captured slow = capture(() -> Main.run("store", command, missing));

      assertThat(fast.exit()).isEqualTo(slow.exit()).isEqualTo(ErrorHandler.FAILED);
      assertThat(fast.err())
          .isEqualTo("error: " + missing + " does not exist\n")
          .isEqualTo(slow.err());
      assertThat(fast.out()).isEmpty();
    }
  }

  /** As {@code cairn store hash DIR > /dev/full}: the hash is lost, and the exit code says so. */
  @Test
  void aHashThatCannotBeWrittenFailsBothWays() throws Exception {
    Path tree = Files.writeString(tmp.resolve("file"), "x");
    String path = tree.toString();
    PrintStream saved = System.out;
    OutputStream full =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("No space left on device");
          }
        };
    try {
      System.setOut(new PrintStream(full, true, StandardCharsets.UTF_8));
      Captured fast = captureErr(() -> Main.treeCommand("store", "hash", path).run(stderr()));
      Captured slow = captureErr(() -> Main.run("store", "hash", path));
      for (Captured c : List.of(fast, slow)) {
        assertThat(c.exit()).isEqualTo(ErrorHandler.FAILED);
        assertThat(c.err()).startsWith("error: cannot write the hash to standard output");
      }
    } finally {
      System.setOut(saved);
    }
  }

  /** Arguments Java cannot take as paths go to picocli, which says what is wrong with them. */
  @Test
  void aPathJavaCannotRepresentGoesToPicocli() {
    assertThat(Main.treeCommand("store", "hash", "a\0b")).isNull();
    assertThat(Main.treeCommand("--root", "a\0b", "store", "dump", "x")).isNull();
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

  private static PrintWriter stderr() {
    return new PrintWriter(System.err, true);
  }

  private record Captured(int exit, String out, String err) {}

  private static Captured captureErr(IntSupplier command) {
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Captured(command.getAsInt(), "", err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(savedErr);
    }
  }

  private static Captured capture(IntSupplier command) {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Captured c = captureErr(command);
      return new Captured(c.exit(), out.toString(StandardCharsets.UTF_8), c.err());
    } finally {
      System.setOut(saved);
    }
  }
}
