package dev.cairn.process.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process really runs. {@link ProcessHandle#isAlive} counts a zombie as alive, and the
 * processes a supervisor adopts after a restart are not its children, so it cannot reap them: they
 * stay zombies until init gets to them (or forever, under an init that does not reap). Here a
 * zombie counts as dead.
 */
final class Liveness {
  private static final Path PROC = Path.of("/proc");

  private Liveness() {}

  /** Whether {@code h} is alive (same PID and start time) and not a zombie. */
  static boolean alive(ProcessHandle h) {
    return h.isAlive() && !zombie(h.pid());
  }

  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(pid + "/stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state == 'Z' || state == 'X';
    } catch (IOException | RuntimeException e) {
      return !Files.isDirectory(PROC.resolve(Long.toString(pid))) && Files.isDirectory(PROC);
    }
  }

  /** Waits until {@code h} exits or becomes a zombie, polling every {@code periodMillis}. */
  static void awaitDeath(ProcessHandle h, long periodMillis) throws InterruptedException {
    while (alive(h)) {
      Thread.sleep(periodMillis);
    }
  }

  /** Like {@link #awaitDeath}, for at most {@code timeoutMillis}; whether it died. */
  static boolean awaitDeath(ProcessHandle h, long periodMillis, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (alive(h)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(periodMillis);
    }
    return true;
  }
}
