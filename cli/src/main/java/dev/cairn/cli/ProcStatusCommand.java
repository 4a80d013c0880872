package dev.cairn.cli;

import dev.cairn.store.LocalStore;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn proc status}: the processes of the current generation. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the state and PID of each process of the current generation.")
final class ProcStatusCommand extends ProcTask {
  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  int run(LocalStore store) throws IOException {
    return printStatuses(deployer(store).control("status", null, timeoutMillis()), json);
  }
}
