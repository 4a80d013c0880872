package dev.cairn.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * How a coordinator talks to agents.
 *
 * @param cairnVersion the coordinator's Cairn version, told to the agent
 * @param storeDir the coordinator's logical store directory, which the agent's must equal
 * @param timeout the bound on connecting, on one request's answer, and on a stalled transfer
 * @param activityTimeout the bound on one activity on the target
 * @param compress whether closures travel gzip-compressed
 */
public record AgentOptions(
    String cairnVersion,
    String storeDir,
    Duration timeout,
    Duration activityTimeout,
    boolean compress) {
  /** Checks the values. */
  public AgentOptions {
    Objects.requireNonNull(cairnVersion, "cairnVersion");
    Objects.requireNonNull(storeDir, "storeDir");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the agent timeout must be positive: " + timeout);
    }
    Objects.requireNonNull(activityTimeout, "activityTimeout");
  }
}
