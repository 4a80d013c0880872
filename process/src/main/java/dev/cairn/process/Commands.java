package dev.cairn.process;

import dev.cairn.store.Background;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external command with a bounded wait and captures its output. */
final class Commands {
  private Commands() {}

  /**
   * The outcome of a command.
   *
   * @param exit its exit status
   * @param output standard output and error together
   */
  record Result(int exit, String output) {}

  static Result run(List<String> argv, long timeoutMillis) throws ProcessException {
    try {
      Process p =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      CompletableFuture<String> out = Background.readText(p.getInputStream());
      if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new ProcessException(
            "'" + String.join(" ", argv) + "' did not finish within " + timeoutMillis + " ms");
      }
      return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS));
    } catch (IOException e) {
      throw new ProcessException(
          "cannot run '" + argv.get(0) + "': " + e.getMessage() + "; is it installed?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessException("interrupted while running " + argv.get(0), e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return new Result(-1, "");
    }
  }

  /** Runs and fails with the command's output unless it exits 0. */
  static String check(List<String> argv, long timeoutMillis) throws ProcessException {
    Result r = run(argv, timeoutMillis);
    if (r.exit() != 0) {
      throw new ProcessException(
          "'"
              + String.join(" ", argv)
              + "' failed with status "
              + r.exit()
              + ": "
              + r.output().strip());
    }
    return r.output();
  }
}
