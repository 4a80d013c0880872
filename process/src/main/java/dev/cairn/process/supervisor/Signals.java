package dev.cairn.process.supervisor;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Signals to whole process groups, through {@code kill}, whose own run is bounded. */
final class Signals {
  private Signals() {}

  /** Sends {@code signal} (TERM, KILL) to the process group {@code pgid}; false if none is left. */
  static boolean group(long pgid, String signal) {
    if (pgid <= 1) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
