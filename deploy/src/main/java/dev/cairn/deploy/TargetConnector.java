package dev.cairn.deploy;

import dev.cairn.agent.TargetClient;
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
}
