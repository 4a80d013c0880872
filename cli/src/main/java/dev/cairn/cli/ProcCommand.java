package dev.cairn.cli;

import picocli.CommandLine.Command;

/** {@code cairn proc}: processes models deployed with a process manager. */
@Command(
    name = "proc",
    mixinStandardHelpOptions = true,
    description = "Deploy processes models with the embedded supervisor, supervisord or sysvinit.")
final class ProcCommand {}
