package dev.cairn.activation;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The activities an activation module performs on a service, spelled as Dysnomia spells them. */
public enum Activity {
  /** Starts the service or creates its state; a no-op when it is already active. */
  ACTIVATE("activate"),
  /** Stops the service; state is marked as garbage, never deleted. */
  DEACTIVATE("deactivate"),
  /** Asks the service to reach quiescence before an upgrade; a module may refuse. */
  LOCK("lock"),
  /** Tells the service that the upgrade is over. */
  UNLOCK("unlock"),
  /** Dumps the service's state into the snapshot store. */
  SNAPSHOT("snapshot"),
  /** Brings back the state of the latest snapshot, if there is one. */
  RESTORE("restore"),
  /** Deletes state that deactivation marked as garbage. */
  COLLECT_GARBAGE("collect-garbage"),
  /** Prepares an interactive session; modules print usage hints. */
  SHELL("shell");

  private final String dysnomiaName;

  Activity(String dysnomiaName) {
    this.dysnomiaName = dysnomiaName;
  }

  /** The activity's name as external modules receive it, e.g. {@code collect-garbage}. */
  public String dysnomiaName() {
    return dysnomiaName;
  }

  /**
   * Parses a Dysnomia activity name.
   *
   * @throws IllegalArgumentException if {@code name} is not one of the activities
   */
  public static Activity parse(String name) {
    for (Activity a : values()) {
      if (a.dysnomiaName.equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("Unknown activity '" + name + "'; use one of " + names());
  }

  /** All activity names, comma-separated, for messages and help. */
  public static String names() {
    return Arrays.stream(values()).map(Activity::dysnomiaName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return dysnomiaName;
  }
}
