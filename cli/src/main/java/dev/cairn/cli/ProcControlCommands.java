package dev.cairn.cli;

import dev.cairn.store.LocalStore;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn proc start|stop|restart NAME}. */
final class ProcControlCommands {
  private ProcControlCommands() {}

  abstract static class Control extends ProcTask {
    @Parameters(paramLabel = "NAME", description = "The process.")
    String name;

    abstract String op();

    @Override
    int run(LocalStore store) throws IOException {
      return printStatuses(deployer(store).control(op(), name, timeoutMillis()), false);
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a process.")
  static final class Start extends Control {
    @Override
    String op() {
      return "start";
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop a process (its whole process group).")
  static final class Stop extends Control {
    @Override
    String op() {
      return "stop";
    }
  }

  @Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart a process.")
  static final class Restart extends Control {
    @Override
    String op() {
      return "restart";
    }
  }
}
