package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree grows only the branch the command line names, or all of it when in doubt. */
class CommandTreeTest {
  private static CommandLine tree(String... args) {
    return CommandTree.build(new Main(), args);
  }

  @Test
  void aNamedCommandGetsOnlyItsBranch() {
    CommandLine cl = tree("--root", "/x", "store", "--store-dir=/nix/store", "dump", "/tmp");
    assertThat(cl.getSubcommands()).containsOnlyKeys("store");
    assertThat(cl.getSubcommands().get("store").getSubcommands()).containsOnlyKeys("dump");
    assertThat(tree("deploy", "-s", "store").getSubcommands()).containsOnlyKeys("deploy");
  }

  @Test
  void noOrAnUnknownWordGetsTheWholeLevel() {
    assertThat(tree().getSubcommands()).hasSize(12).containsKeys("store", "deploy", "proc");
    assertThat(tree("--help").getSubcommands()).hasSize(12);
    assertThat(tree("-h", "store").getSubcommands()).hasSize(12);
    assertThat(tree("store", "-h", "dump").getSubcommands().get("store").getSubcommands())
        .hasSize(13);
    // Help after the command words concerns the named command, whose branch suffices.
    assertThat(tree("store", "dump", "--help").getSubcommands()).containsOnlyKeys("store");
    assertThat(tree("stor", "dump").getSubcommands()).hasSize(12);
    CommandLine store = tree("store", "dum").getSubcommands().get("store");
    assertThat(store.getSubcommands()).hasSize(13).containsKeys("dump", "import", "gc");
    assertThat(tree("store").getSubcommands().get("store").getSubcommands()).hasSize(13);
  }

  @Test
  void globalOptionsReachTheChosenCommand() {
    CommandLine cl = tree("store", "dump", "--root", "/r", "/tmp");
    CommandLine dump = cl.getSubcommands().get("store").getSubcommands().get("dump");
    assertThat(dump.getCommandSpec().findOption("--root")).isNotNull();
    assertThat(dump.getCommandSpec().findOption("--store-dir")).isNotNull();
  }
}
