package dev.cairn.agent;

import dev.cairn.store.StoreException;
import java.util.List;
import java.util.Optional;

/**
 * An operation on a target failed. The message names the target; for a failed activity the log file
 * and its last lines come along.
 */
public class TargetException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String target;
  private final transient Optional<java.nio.file.Path> log;
  private final List<String> logTail;

  /** A failure on {@code target}. */
  public TargetException(String target, String message) {
    this(target, message, Optional.empty(), List.of(), null);
  }

  /** A failure on {@code target} with its log and cause. */
  public TargetException(
      String target,
      String message,
      Optional<java.nio.file.Path> log,
      List<String> logTail,
      Throwable cause) {
    super("target '" + target + "': " + message, cause);
    this.target = target;
    this.log = log;
    this.logTail = List.copyOf(logTail);
  }

  /** Returns the target's name. */
  public String target() {
    return target;
  }

  /** Returns the log of the failed activity, if there is one. */
  public Optional<java.nio.file.Path> log() {
    return log;
  }

  /** Returns the last lines of that log. */
  public List<String> logTail() {
    return logTail;
  }
}
