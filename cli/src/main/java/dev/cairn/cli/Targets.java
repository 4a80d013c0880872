package dev.cairn.cli;

import dev.cairn.activation.Activator;
import dev.cairn.agent.LocalTarget;
import dev.cairn.agent.TargetClient;
import dev.cairn.deploy.TargetConnector;
import dev.cairn.deploy.TargetEntry;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StoreException;
import java.time.Duration;

/** Chooses the transport of each target by its client interface. */
final class Targets {
  private Targets() {}

  static TargetConnector connector(LocalStore store, Duration activityTimeout) {
    Activator activator = Activator.fromEnvironment(System.getenv());
    return (TargetEntry t) -> {
      if (t.clientInterface().equals("local")) {
        TargetClient c = new LocalTarget(t.name(), store, activator, activityTimeout);
        return c;
      }
      throw new StoreException(
          "target '"
              + t.name()
              + "' uses clientInterface '"
              + t.clientInterface()
              + "', which this version cannot reach yet; use clientInterface: local");
    };
  }

  /**
   * The client interface of targets that name none: --interface, $CAIRN_CLIENT_INTERFACE, local.
   */
  static String defaultInterface(String option) {
    if (option != null) {
      return option;
    }
    String env = System.getenv("CAIRN_CLIENT_INTERFACE");
    return env == null || env.isBlank() ? "local" : env;
  }
}
