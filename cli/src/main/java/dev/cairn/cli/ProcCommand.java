package dev.cairn.cli;

import picocli.CommandLine.Command;

/** {@code cairn proc}: processes models deployed with a process manager. */
@Command(
    name = "proc",
    mixinStandardHelpOptions = true,
    description = "Deploy processes models with the embedded supervisor, supervisord or sysvinit.",
    subcommands = {
      ProcSwitchCommand.class,
      ProcStatusCommand.class,
      ProcLogsCommand.class,
      ProcControlCommands.Start.class,
      ProcControlCommands.Stop.class,
      ProcControlCommands.Restart.class,
      ProcIdsCommand.class
    })
final class ProcCommand {}
