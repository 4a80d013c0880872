package dev.cairn.activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code process} module remembers of a started service, in {@code
 * <stateDir>/run/<service>.proc}, beside the plain PID file {@code <service>.pid} other tools read.
 * Start times make a reused PID harmless.
 *
 * @param pid the service's main process
 * @param pidStart its start time, {@code -1} if unknown
 * @param pgid the process group to stop with it
 * @param pgidStart the start time of the group's leader, {@code -1} if unknown
 * @param stopTimeout how long the program may take to stop after TERM
 * @param daemonPidFile the PID file the program writes itself, if it daemonises
 */
record RunRecord(
    long pid,
    long pidStart,
    long pgid,
    long pgidStart,
    Duration stopTimeout,
    Optional<Path> daemonPidFile) {

  static Path pidFile(ActivationRequest r) {
    return r.stateDir().resolve("run").resolve(r.service() + ".pid");
  }

  private static Path recordFile(ActivationRequest r) {
    return r.stateDir().resolve("run").resolve(r.service() + ".proc");
  }

  /** Whether the recorded main process still runs (and is the one that was started). */
  boolean running() {
    return ProcStat.running(pid, pidStart);
  }

  /**
   * Whether group {@code pgid} may be signalled: its leader is gone (so the number cannot name a
   * newer group) or is the very process that led it at start.
   */
  boolean groupIsOurs() {
    return ProcStat.of(pgid).map(p -> pgidStart < 0 || p.startTime() == pgidStart).orElse(true);
  }

  static Optional<RunRecord> read(ActivationRequest r) throws ActivationException {
    Path file = recordFile(r);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Map<String, String> m = new HashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          m.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return Optional.of(
          new RunRecord(
              Long.parseLong(m.get("pid")),
              Long.parseLong(m.get("pidStart")),
              Long.parseLong(m.get("pgid")),
              Long.parseLong(m.get("pgidStart")),
              Duration.ofMillis(Long.parseLong(m.get("stopTimeoutMillis"))),
              Optional.ofNullable(m.get("daemonPidFile")).map(Path::of)));
    } catch (IOException | RuntimeException e) {
      throw new ActivationException(
          "Cannot read '" + file + "' (" + e + "); if the service is not running, delete it", e);
    }
  }

  void write(ActivationRequest r) throws ActivationException {
    String text =
        "pid="
            + pid
            + "\npidStart="
            + pidStart
            + "\npgid="
            + pgid
            + "\npgidStart="
            + pgidStart
            + "\nstopTimeoutMillis="
            + stopTimeout.toMillis()
            + "\n"
            + daemonPidFile.map(p -> "daemonPidFile=" + p + "\n").orElse("");
    writeAtomically(recordFile(r), text);
    writeAtomically(pidFile(r), pid + "\n");
  }

  static void delete(ActivationRequest r) throws ActivationException {
    try {
      Files.deleteIfExists(pidFile(r));
      Files.deleteIfExists(recordFile(r));
    } catch (IOException e) {
      throw new ActivationException("Cannot remove the PID file of '" + r.service() + "': " + e, e);
    }
  }

  private static void writeAtomically(Path file, String text) throws ActivationException {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ActivationException("Cannot write '" + file + "': " + e.getMessage(), e);
    }
  }
}
