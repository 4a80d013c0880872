package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast answer to --version says what picocli's own would. */
class VersionTest {
  @Test
  void fastPathMatchesTheCommandTree() {
    ByteArrayOutputStream fast = new ByteArrayOutputStream();
    assertThat(Main.execute(fast, "--version")).isZero();
    InProcess.Result slow = InProcess.run(() -> Main.run("--version", "--stacktrace"));
    assertThat(slow.exit()).isZero();
    assertThat(fast.toString(StandardCharsets.UTF_8)).startsWith("cairn ").isEqualTo(slow.out());
  }

  @Test
  void globalOptionsAroundTheVersionTakeTheFastPathToo() {
    assertThat(Main.asksOnlyForTheVersion("--root", "/r", "--store-dir", "/nix/store", "--version"))
        .isTrue();
    assertThat(Main.asksOnlyForTheVersion("-V", "--root=/r", "--store-dir=/s", "--stacktrace"))
        .isTrue();
  }

  /** Lines picocli answers otherwise: an error, help, or a command; none may take the fast path. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "--root --version",
        "--version --root",
        "--root= --version",
        "--store-dir -V",
        "--version -V",
        "--root /a --root=/b --version",
        "--stacktrace --stacktrace --version",
        "--version --help",
        "--version store",
        "store --version",
        "--root /r"
      })
  void anythingElseGoesToPicocli(String line) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");
    assertThat(Main.asksOnlyForTheVersion(args)).isFalse();
  }
}
