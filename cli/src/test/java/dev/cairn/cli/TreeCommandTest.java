package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private static Captured capture(IntSupplier command) {
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = command.getAsInt();
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
    return new Captured(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
