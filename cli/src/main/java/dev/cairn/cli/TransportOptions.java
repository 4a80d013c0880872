package dev.cairn.cli;

import picocli.CommandLine.Option;

/** How the coordinator reaches remote targets; shared by the commands that talk to targets. */
final class TransportOptions {
  @Option(
      names = "--target-property",
      paramLabel = "NAME",
      description =
          "The target property holding a target's address, for targets naming none (default:"
              + " $CAIRN_TARGET_PROPERTY or hostname). An ssh address is [user@]host[:port].")
  String targetProperty;

  /** --connect-timeout's default, in seconds. */
  static final long DEFAULT_TIMEOUT = 60;

  @Option(
      names = "--connect-timeout",
      paramLabel = "SECONDS",
      description =
          "Bound on reaching a target, on each answer of its agent, and on a stalled transfer"
              + " (default: ${DEFAULT-VALUE}).")
  long timeout = DEFAULT_TIMEOUT; // picocli's default too (an option's initial value)

  @Option(
      names = "--no-compress",
      description =
          "Send closures uncompressed (faster on fast links); loopback targets always are, and a"
              + " target's property compress (true/false) overrides both.")
  boolean noCompress;

  /** The property naming each target's address: the option, $CAIRN_TARGET_PROPERTY, hostname. */
  String defaultTargetProperty() {
    return Defaults.chosen(targetProperty, "CAIRN_TARGET_PROPERTY", "hostname");
  }
}
