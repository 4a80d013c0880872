package dev.cairn.store.build;

import java.time.Duration;
import java.util.Objects;

/**
 * How to build.
 *
 * @param keepFailed keep the build directory and partial output of a failed build
 * @param maxJobs how many builds may run at once
 * @param timeout how long one build may run before it is killed
 */
public record BuildOptions(boolean keepFailed, int maxJobs, Duration timeout) {
  /** Checks the limits. */
  public BuildOptions {
    Objects.requireNonNull(timeout, "timeout");
    if (maxJobs < 1) {
      throw new IllegalArgumentException("--max-jobs must be at least 1, not " + maxJobs);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive, not " + timeout);
    }
  }

  /** As many jobs as cores, failed builds cleaned up, two hours per build. */
  public static BuildOptions defaults() {
    return new BuildOptions(false, Runtime.getRuntime().availableProcessors(), Duration.ofHours(2));
  }
}
