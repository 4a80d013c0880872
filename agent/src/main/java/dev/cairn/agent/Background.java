package dev.cairn.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * I/O started on another thread while this one goes on (an agent session connecting, a store
 * opening), and its result or its own exception once needed.
 */
public final class Background {
  /** Work that may fail with an {@link IOException}. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws IOException;
  }

  private Background() {}

  /** Starts {@code work} on the common pool. */
  public static <T> CompletableFuture<T> start(Work<T> work) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return work.run();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
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
