package dev.cairn.cli;

import picocli.CommandLine.Command;

/** {@code cairn store}: the content-addressed store. */
@Command(
    name = "store",
    description = "Work with the content-addressed store.",
    mixinStandardHelpOptions = true)
final class StoreCommand {}
