package dev.cairn.activation;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a running activity offers its module: the log file every line and child process output goes
 * to, and the deadline every wait must respect. The {@link Activator} creates one per activity.
 */
public final class ActivationContext {
  private static final Duration TERM_GRACE = Duration.ofSeconds(2);

  private final Path logFile;
  private final Instant deadline;
  private final Duration timeout;
  // Process groups the module started; killed if the activity times out or is interrupted.
  private final Set<Long> groups = ConcurrentHashMap.newKeySet();

  ActivationContext(Path logFile, Duration timeout) {
    this.logFile = logFile;
    this.timeout = timeout;
    this.deadline = Instant.now().plus(timeout);
  }

  /** The activity's log file. */
  public Path logFile() {
    return logFile;
  }

  /** When the activity must have finished. */
  public Instant deadline() {
    return deadline;
  }

  /** The time left until {@link #deadline()}, zero once it passed. */
  public Duration remaining() {
    Duration d = Duration.between(Instant.now(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * Appends one line to the log.
   *
   * @throws ActivationException if the log cannot be written
   */
  public void log(String line) throws ActivationException {
    try {
      Files.writeString(
          logFile,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new ActivationException("Cannot write the log '" + logFile + "': " + e.getMessage(), e);
    }
  }

  /**
   * Fails if the deadline passed.
   *
   * @throws ActivationException naming the timeout
   */
  public void checkDeadline() throws ActivationException {
    if (remaining().isZero()) {
      throw timedOut();
    }
  }

  ActivationException timedOut() {
    return new ActivationException("timed out after " + seconds(timeout));
  }

  /**
   * Starts {@code command} in a new session and process group with exactly {@code env}, stdin from
   * /dev/null and stdout and stderr appended to {@code output}. The group is killed if the activity
   * times out.
   */
  Process start(List<String> command, Map<String, String> env, Path dir, Path output)
      throws ActivationException {
    ProcessBuilder pb = new ProcessBuilder(ProcessGroups.inNewSession(command));
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.directory(dir.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      groups.add(p.pid());
      return p;
    } catch (IOException e) {
      throw new ActivationException("Cannot start '" + command.get(0) + "': " + e.getMessage(), e);
    }
  }

  /**
   * Waits for {@code p} to exit, at most until the deadline; on timeout its process group is
   * stopped.
   *
   * @return its exit status
   * @throws ActivationException on timeout or interrupt
   */
  int await(Process p) throws ActivationException {
    try {
      if (p.waitFor(remaining().toMillis(), TimeUnit.MILLISECONDS)) {
        return p.exitValue();
      }
      ProcessGroups.stop(p.pid(), TERM_GRACE);
      throw timedOut();
    } catch (InterruptedException e) {
      ProcessGroups.stop(p.pid(), TERM_GRACE);
      Thread.currentThread().interrupt();
      throw new ActivationException("interrupted", e);
    }
  }

  /** Stops every process group the module started (after a timeout or an interrupt). */
  void cancel() {
    for (long g : groups) {
      ProcessGroups.stop(g, TERM_GRACE);
    }
  }

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
