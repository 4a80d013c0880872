package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line a coordinator sends over ssh, {@code agent --stdio}, is served without picocli;
 * every other goes to picocli, which also says what is wrong with it. The sessions themselves run
 * in the ssh tests (SshDeployIT, RemoteDeployIT), whose agents start this way.
 */
class AgentSessionTest {
  @Test
  void theCoordinatorsCommandLineTakesTheFastPathWithItsGlobalOptions() {
    Main plain = Main.agentSession("agent", "--stdio");
    assertThat(plain).isNotNull();
    assertThat(plain.root).isNull();

    Main both = Main.agentSession("--root", "/r", "--store-dir=/nix/store", "agent", "--stdio");
    assertThat(both).isNotNull();
    assertThat(both.root).isEqualTo(Path.of("/r"));
    assertThat(both.storeDir).isEqualTo("/nix/store");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "agent",
        "--stdio",
        "agent --listen 127.0.0.1:0",
        "agent --stdio --stacktrace",
        "--stacktrace agent --stdio",
        "agent --stdio --root /r",
        "agent --stdio extra",
        "agent --help --stdio",
        "--root agent --stdio",
        "--root= agent --stdio",
        "--root -x agent --stdio",
        "--root /a --root /b agent --stdio",
        "--version agent --stdio",
        "store agent --stdio"
      })
  void anyOtherCommandLineGoesToPicocli(String line) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");
    assertThat(Main.agentSession(args)).isNull();
  }
}
