package dev.cairn.deploy;

/** What a deployment reports as it goes; the command line prints it. */
public interface DeployEvents {
  /** Reports nothing. */
  DeployEvents NONE = new DeployEvents() {};

  /** A phase starts: "building", "locking", "deactivating", … */
  default void phase(String phase) {}

  /** One mapping's activity starts. */
  default void activity(String activity, String service, String target) {}

  /** Copying {@code paths} store paths to {@code target} starts. */
  default void transferStarted(String target, int paths) {}

  /** {@code bytes} have gone to {@code target} so far (called often: print sparingly). */
  default void transferProgress(String target, long bytes) {}

  /** Copying to {@code target} is done. */
  default void transferFinished(String target, int paths, long bytes, java.time.Duration took) {}

  /** Something worth a line. */
  default void note(String message) {}
}
