package dev.cairn.cli;

import picocli.CommandLine.Command;

/** {@code cairn store}: the content-addressed store. */
@Command(
    name = "store",
    description = "Work with the content-addressed store.",
    mixinStandardHelpOptions = true,
    subcommands = {
      StoreAddCommand.class,
      NarCommands.Dump.class,
      NarCommands.Restore.class,
      NarCommands.HashCommand.class,
      StoreBuildCommand.class,
      QueryCommands.Closure.class,
      QueryCommands.References.class,
      QueryCommands.Referrers.class,
      QueryCommands.Info.class,
      StoreVerifyCommand.class,
      TransferCommands.Export.class,
      TransferCommands.Import.class,
      StoreGcCommand.class
    })
final class StoreCommand {}
