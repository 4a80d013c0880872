package dev.cairn.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Blocking work started on another thread while this one goes on (an agent session connecting, a
 * store opening, a child process's output being read), and its result or its own exception once
 * needed.
 *
 * <p>Each piece of work gets a thread of its own, never the common fork-join pool, which {@code
 * CompletableFuture.supplyAsync} uses when given no executor. That pool's size follows the number
 * of processors, less one, and it does not grow for work that blocks on I/O: on a two-core machine
 * JDK 25 runs all such work on one thread, so that reading a child's standard error waits for its
 * standard output to end, and the child, whose output nobody reads, never ends. (JDK 17 gives each
 * task a thread of its own when the pool has a single thread, which hid this on two cores; on more
 * cores it shares the pool there too.) {@code LayeringTest} keeps code from using that pool.
 */
public final class Background {
  /** Work that may fail with an {@link IOException}. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws IOException;
  }

  private static final Executor THREADS =
      task -> {
        Thread t = new Thread(task, "cairn-background");
        t.setDaemon(true); // waited for by whoever needs its result; no reason to keep the JVM up
        t.start();
      };

  private Background() {}

  /** Runs each task given to it on a new daemon thread. */
  public static Executor threads() {
    return THREADS;
  }

  /** Starts {@code work} on a thread of its own. */
  public static <T> CompletableFuture<T> start(Work<T> work) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return work.run();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        THREADS);
  }

  /**
   * Starts reading all of {@code in}, a child process's output say, as UTF-8 text; the text is
   * empty if reading fails (the process's exit status then tells what happened).
   */
  public static CompletableFuture<String> readText(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          byte[] read = new byte[0];
          try (in) {
            read = in.readAllBytes();
          } catch (IOException e) {
            // the stream broke: nothing to add to what the caller learns otherwise
          }
          return new String(read, StandardCharsets.UTF_8);
        },
        THREADS);
  }

  /**
   * Waits for {@code started} and returns its result.
   *
   * @throws IOException the work's own, as it threw it
   */
  public static <T> T join(CompletableFuture<T> started) throws IOException {
    try {
      return started.join();
    } catch (CompletionException e) {
      Throwable cause =
          e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw cause instanceof RuntimeException r ? r : e;
    }
  }
}
