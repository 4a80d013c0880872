package dev.cairn.cli;

import picocli.CommandLine.Option;

/** {@code --interface}: the client interface of targets whose model names none. */
final class InterfaceOption {
  @Option(
      names = "--interface",
      paramLabel = "local|ssh|http",
      description =
          "Client interface of targets naming none (default: $CAIRN_CLIENT_INTERFACE or local).")
  String clientInterface;

  /** The option, else $CAIRN_CLIENT_INTERFACE, else local. */
  String resolved() {
    return Defaults.chosen(clientInterface, "CAIRN_CLIENT_INTERFACE", "local");
  }
}
