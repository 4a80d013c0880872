package dev.cairn.activation;

import dev.cairn.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An activity failed: the module exited non-zero, timed out, or could not be found or started. The
 * {@link Activator} attaches the activity's log file and its last lines, so a caller can show where
 * to look.
 */
public class ActivationException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** How many log lines {@link #logTail()} keeps. */
  public static final int TAIL_LINES = 20;

  private final transient Path logFile;
  private final List<String> logTail;

  /** A failure a module reports; the activator adds the log. */
  public ActivationException(String message) {
    this(message, null, List.of(), null);
  }

  /** A failure with its cause; the activator adds the log. */
  public ActivationException(String message, Throwable cause) {
    this(message, null, List.of(), cause);
  }

  /** A failure with the activity's log file and its last lines. */
  public ActivationException(String message, Path logFile, List<String> logTail, Throwable cause) {
    super(message, cause);
    this.logFile = logFile;
    this.logTail = List.copyOf(logTail);
  }

  /** The activity's log file, once the activator attached it. */
  public Optional<Path> logFile() {
    return Optional.ofNullable(logFile);
  }

  /** The last lines of the activity's log (at most {@link #TAIL_LINES}), oldest first. */
  public List<String> logTail() {
    return logTail;
  }

  /** This failure with the log attached and a fuller message, keeping its kind. */
  ActivationException withLog(String message, Path file, List<String> tail) {
    return new ActivationException(message, file, tail, this);
  }
}
