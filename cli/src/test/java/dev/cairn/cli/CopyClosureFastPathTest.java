package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code copy-closure --to ADDRESS PATH…} runs without picocli (Main.copyClosure), so that its
 * connection starts a tenth of a second sooner; every other form of the command goes through
 * picocli. The copy itself, through the fast path, is RemoteDeployIT's.
 */
class CopyClosureFastPathTest {
  private static final String A = "/nix/store/00000000000000000000000000000000-a";
  private static final String B = "/nix/store/11111111111111111111111111111111-b";

  @TempDir Path tmp;

  @Test
  void theCommandIsTheOnePicocliWouldMake() {
    String[] line = {"--root", "/r", "copy-closure", "--to", "u@h:2222", A, B};
    CopyClosureCommand fast = command(Main.copyClosure(line));
    CommandLine.ParseResult parsed = CommandTree.build(new Main(), line).parseArgs(line);
    CopyClosureCommand slow = (CopyClosureCommand) parsed.subcommand().commandSpec().userObject();

    assertThat(fast.to).isEqualTo(slow.to).isEqualTo("u@h:2222");
    assertThat(fast.paths).isEqualTo(slow.paths).containsExactly(A, B);
    assertThat(fast.remoteCommand).isEqualTo(slow.remoteCommand).isNull();
    assertThat(fast.transport.timeout)
        .isEqualTo(slow.transport.timeout)
        .isEqualTo(TransportOptions.DEFAULT_TIMEOUT);
    assertThat(fast.transport.noCompress).isEqualTo(slow.transport.noCompress).isFalse();
    assertThat(fast.transport.targetProperty).isEqualTo(slow.transport.targetProperty).isNull();
    assertThat(fast.layout()).isEqualTo(slow.layout());
  }

  @Test
  void theCanonicalFormsTakeIt() {
    assertThat(Main.copyClosure("copy-closure", "--to", "h", A)).isNotNull();
    assertThat(Main.copyClosure("copy-closure", "--to=h", A, B)).isNotNull();
    assertThat(
            Main.copyClosure(
                "--stacktrace", "--store-dir", "/nix/store", "copy-closure", "--to", "h", A))
        .isNotNull();
  }

  /** Anything else is picocli's to read, and to say what is wrong with. */
  @Test
  void everyOtherFormGoesToPicocli() {
    for (List<String> line :
        List.of(
            List.of("copy-closure", "--to", "h"), // no path: picocli says one is needed
            List.of("copy-closure", A, "--to", "h"),
            List.of("copy-closure", "--to", "h", A, "--no-compress"),
            List.of("copy-closure", "--connect-timeout", "5", "--to", "h", A),
            List.of("copy-closure", "--to", "h", "--remote-command", "c", A),
            List.of("copy-closure", "--to", "-h", A),
            List.of("copy-closure", "--to=", A),
            List.of("copy-closure", "--to", "h", "@paths.txt"),
            List.of("copy-closure", "--to", "h", A, "--"),
            List.of("copy-closure", "--to", "h", ""),
            List.of("copy-closure", "--help"),
            List.of("--root", "copy-closure", "copy-closure", "--to", "h", A),
            List.of("--verbose", "copy-closure", "--to", "h", A),
            List.of("--root", "/r", "--root", "/s", "copy-closure", "--to", "h", A),
            List.of("store", "copy-closure", "--to", "h", A))) {
      assertThat(Main.copyClosure(line.toArray(String[]::new))).as(line.toString()).isNull();
    }
  }

  /** A wrong address is said the same way, and before anything is opened, both ways. */
  @Test
  void aWrongAddressIsTheSameErrorBothWays() {
    String root = tmp.resolve("root").toString();
    String[] line = {"--root", root, "copy-closure", "--to", "h:port", A};
    InProcess.Result fast =
        InProcess.run(() -> Main.copyClosure(line).run(new PrintWriter(System.err, true)));
    InProcess.Result slow = InProcess.run(() -> Main.run(line));

    assertThat(fast.exit()).isEqualTo(slow.exit()).isEqualTo(ErrorHandler.FAILED);
    assertThat(fast.err()).startsWith("error: --to: ").isEqualTo(slow.err());
    assertThat(fast.out()).isEmpty();
    assertThat(tmp.resolve("root")).doesNotExist();
  }

  private static CopyClosureCommand command(Main.FastPath fast) {
    assertThat(fast).isNotNull();
    return (CopyClosureCommand) fast.command();
  }
}
