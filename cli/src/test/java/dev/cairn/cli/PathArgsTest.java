package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Store paths taken in runs read as picocli would read them one by one. */
class PathArgsTest {
  private static final String A = "/nix/store/" + "a".repeat(32) + "-a";
  private static final String B = "/nix/store/" + "b".repeat(32) + "-b";

  private static CommandLine.ParseResult parse(String... args) {
    return CommandTree.build(new Main(), args).parseArgs(args);
  }

  private static <T> T leaf(CommandLine.ParseResult r) {
    while (r.hasSubcommand()) {
      r = r.subcommand();
    }
    return r.commandSpec().commandLine().getCommand();
  }

  @Test
  void optionsBetweenAndAfterThePathsStayOptions() {
    QueryCommands.Info info = leaf(parse("store", "path-info", A, "--json", B, "--root", "/r"));
    assertThat(info.paths).containsExactly(A, B);
    assertThat(info.json).isTrue();
    TransferCommands.Export export = leaf(parse("store", "export", A, B));
    assertThat(export.paths).containsExactly(A, B);
  }

  @Test
  void afterTheEndOfOptionsADashIsAValue() {
    QueryCommands.Closure closure = leaf(parse("store", "closure", A, "--", "-x", B, "--json"));
    assertThat(closure.paths).containsExactly(A, "-x", B, "--json");
    assertThat(closure.json).isFalse();
  }

  @Test
  void noPathAndUnknownOptionsAreStillRefused() {
    assertThatThrownBy(() -> parse("store", "export"))
        .isInstanceOf(CommandLine.MissingParameterException.class)
        .hasMessageContaining("PATH");
    assertThatThrownBy(() -> parse("copy-closure", "--to", "h", A, "--bogus"))
        .isInstanceOf(CommandLine.UnmatchedArgumentException.class)
        .hasMessageContaining("--bogus");
    CopyClosureCommand copy = leaf(parse("copy-closure", A, "--to", "h", B));
    assertThat(copy.paths).containsExactly(A, B);
    assertThat(copy.to).isEqualTo("h");
  }
}
