package dev.cairn.deploy;

import dev.cairn.store.StoreException;
import java.util.List;

/**
 * A deployment failed. When {@link #rolledBack} the previous configuration runs again; otherwise
 * the message lists what is left in which state and the commands that recover.
 */
public final class TransitionException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final boolean rolledBack;
  private final List<String> details;

  TransitionException(String message, boolean rolledBack, List<String> details, Throwable cause) {
    super(message, cause);
    this.rolledBack = rolledBack;
    this.details = List.copyOf(details);
  }

  /** Returns whether the previous configuration was restored. */
  public boolean rolledBack() {
    return rolledBack;
  }

  /** Returns lines that explain the failure: the failing activity's log tail, recovery steps. */
  public List<String> details() {
    return details;
  }
}
