package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fast answer to --version says what picocli's own would. */
class VersionTest {
  @Test
  void fastPathMatchesTheCommandTree() {
    PrintStream saved = System.out;
    ByteArrayOutputStream fast = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(fast, true, StandardCharsets.UTF_8));
      Main.main(new String[] {"--version"});
    } finally {
      System.setOut(saved);
    }
    ByteArrayOutputStream slow = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(slow, true, StandardCharsets.UTF_8));
      assertThat(Main.run("--version", "--stacktrace")).isZero();
    } finally {
      System.setOut(saved);
    }
    assertThat(fast.toString(StandardCharsets.UTF_8))
        .startsWith("cairn ")
        .isEqualTo(slow.toString(StandardCharsets.UTF_8));
  }
}
