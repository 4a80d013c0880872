package dev.cairn.deploy;

import dev.cairn.agent.TargetClient;
import dev.cairn.store.StorePath;
import java.io.IOException;

/** Opens a client for a target, by its client interface (local, ssh, http). */
@FunctionalInterface
public interface TargetConnector {
  /**
   * Connects to {@code target}.
   *
   * @throws IOException naming the target if it cannot be reached
   */
  TargetClient connect(TargetEntry target) throws IOException;

  /**
   * Tells, without a session, whether the profile {@code profile} of {@code target} is at {@code
   * expected}; a redeploy that changes nothing asks this instead of starting an agent on every
   * target. True only when the transport could check cheaply and found it so; false means "open a
   * session to find out", never "it is not". Never throws: a failure is a false.
   */
  default boolean profileIs(TargetEntry target, String profile, StorePath expected) {
    return false;
  }
}
