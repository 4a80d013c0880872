package dev.cairn.deploy;

/** What a deployment reports as it goes; the command line prints it. */
public interface DeployEvents {
  /** Reports nothing. */
  DeployEvents NONE = new DeployEvents() {};

  /** A phase starts: "building", "locking", "deactivating", … */
  default void phase(String phase) {}

  /** One mapping's activity starts. */
  default void activity(String activity, String service, String target) {}

  /** Something worth a line. */
  default void note(String message) {}
}
