package dev.cairn.activation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts programs in their own session and process group (through util-linux {@code setsid}) and
 * stops whole groups, so that a program's children, and a daemon's forked children, go with it.
 */
final class ProcessGroups {
  private static final Duration POLL = Duration.ofMillis(20);
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private ProcessGroups() {}

  /**
   * {@code command} prefixed so that it becomes the leader of a new session and process group. A
   * child of the JVM is never a group leader, so {@code setsid} execs in place and the started
   * process's PID is its group's ID.
   */
  static List<String> inNewSession(List<String> command) throws ActivationException {
    List<String> cmd = new ArrayList<>();
    cmd.add(setsid());
    cmd.addAll(command);
    return cmd;
  }

  private static String setsid() throws ActivationException {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path p = Path.of(dir, "setsid");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new ActivationException(
        "Cannot find 'setsid' (util-linux) in /usr/bin or /bin; install util-linux");
  }

  /** Sends {@code signal} (e.g. TERM) to every process of group {@code pgid}. */
  static void signal(long pgid, String signal) {
    if (pgid <= 1 || pgid == ProcStat.ownGroup()) {
      return; // never the whole system, never ourselves
    }
    try {
      Process kill =
          new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IOException e) {
      // kill missing: members are still checked through /proc by the caller
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops group {@code pgid}: TERM, up to {@code grace} for it to go, then KILL.
   *
   * @return whether no member survives
   */
  static boolean stop(long pgid, Duration grace) {
    if (ProcStat.group(pgid).isEmpty()) {
      return true;
    }
    signal(pgid, "TERM");
    if (awaitEmpty(pgid, grace)) {
      return true;
    }
    signal(pgid, "KILL");
    return awaitEmpty(pgid, KILL_WAIT);
  }

  /** Waits until group {@code pgid} has no live member, at most {@code limit}. */
  static boolean awaitEmpty(long pgid, Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    while (!ProcStat.group(pgid).isEmpty()) {
      if (System.nanoTime() - end > 0 || !sleep(POLL)) {
        return ProcStat.group(pgid).isEmpty();
      }
    }
    return true;
  }

  /** Sleeps; false when interrupted (the flag is restored). */
  static boolean sleep(Duration d) {
    try {
      Thread.sleep(Math.max(0, d.toMillis()));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
