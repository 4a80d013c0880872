package dev.cairn.store.build;

import dev.cairn.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A build script failed, timed out or produced no output; the log's tail says why. */
public final class BuildFailedException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final transient Path log;
  private final List<String> logTail;
  private final transient Optional<Path> keptDir;

  BuildFailedException(String message, Path log, List<String> logTail, Optional<Path> keptDir) {
    super(message);
    this.log = log;
    this.logTail = List.copyOf(logTail);
    this.keptDir = keptDir;
  }

  /** Returns the full build log. */
  public Path log() {
    return log;
  }

  /** Returns the last lines of the log. */
  public List<String> logTail() {
    return logTail;
  }

  /** Returns the build directory kept by {@code --keep-failed}, if it was. */
  public Optional<Path> keptDir() {
    return keptDir;
  }
}
