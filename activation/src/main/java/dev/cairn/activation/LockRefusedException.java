package dev.cairn.activation;

import java.nio.file.Path;
import java.util.List;

/**
 * A module refused {@link Activity#LOCK}: the service cannot be upgraded now (it is busy, or an
 * operator said no). The upgrade must not proceed; nothing was changed.
 */
public class LockRefusedException extends ActivationException {
  private static final long serialVersionUID = 1L;

  /** A refusal a module reports; the activator adds the log. */
  public LockRefusedException(String message) {
    super(message);
  }

  /** A refusal with the activity's log file and its last lines. */
  public LockRefusedException(String message, Path logFile, List<String> logTail, Throwable cause) {
    super(message, logFile, logTail, cause);
  }

  @Override
  ActivationException withLog(String message, Path file, List<String> tail) {
    return new LockRefusedException(message, file, tail, this);
  }
}
