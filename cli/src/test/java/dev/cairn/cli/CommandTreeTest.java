package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
  void noOptionNeedsAConverterMainLeavesOut() {
    List<String> offending = new ArrayList<>();
    collect(tree(), offending);
    assertThat(offending).isEmpty();
    assertThat("java.time.Duration").matches(Main.UNUSED_CONVERTERS);
    assertThat("java.sql.Timestamp").matches(Main.UNUSED_CONVERTERS);
    assertThat("java.nio.file.Path").doesNotMatch(Main.UNUSED_CONVERTERS);
  }

  /**
   * The options and parameters of {@code cl} and its subcommands whose types picocli can't read.
   */
  private static void collect(CommandLine cl, List<String> offending) {
    for (CommandLine.Model.ArgSpec arg : cl.getCommandSpec().args()) {
      List<Class<?>> types = new ArrayList<>(List.of(arg.auxiliaryTypes()));
      types.add(arg.type());
      for (Class<?> type : types) {
        if (type.getName().matches(Main.UNUSED_CONVERTERS) && arg.converters().length == 0) {
          offending.add(cl.getCommandName() + " " + arg.paramLabel() + ": " + type.getName());
        }
      }
    }
    cl.getSubcommands().values().forEach(sub -> collect(sub, offending));
  }

  @Test
  void globalOptionsReachTheChosenCommand() {
    CommandLine cl = tree("store", "dump", "--root", "/r", "/tmp");
    CommandLine dump = cl.getSubcommands().get("store").getSubcommands().get("dump");
    assertThat(dump.getCommandSpec().findOption("--root")).isNotNull();
    assertThat(dump.getCommandSpec().findOption("--store-dir")).isNotNull();
  }
}
