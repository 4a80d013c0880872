package dev.cairn.deploy;

import dev.cairn.agent.TargetClient;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Distribution, before any target is locked: each target gets the closure of its profile, only the
 * paths it lacks, at most {@code max} targets at a time. A target that shares the coordinator's
 * store (a local one) lacks nothing.
 */
final class Distributor {
  private final LocalStore store;
  private final DeployEvents events;

  Distributor(LocalStore store, DeployEvents events) {
    this.store = store;
    this.events = events;
  }

  /**
   * Copies what each target of {@code next} lacks.
   *
   * @return the bytes sent
   * @throws IOException the first failure, naming its target; paths already sent stay valid there
   */
  long distribute(Manifest next, Map<String, TargetClient> clients, int max) throws IOException {
    List<TargetEntry> targets =
        next.targets().values().stream().filter(t -> t.profile() != null).toList();
    if (targets.isEmpty()) {
      return 0;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(max, targets.size()));
    try {
      List<Future<Long>> sent = new ArrayList<>();
      for (TargetEntry t : targets) {
        sent.add(pool.submit(() -> copy(t, clients.get(t.name()))));
      }
      long total = 0;
      IOException first = null;
      for (Future<Long> f : sent) {
        try {
          total += f.get();
        } catch (ExecutionException e) {
          first = first != null ? first : asIo(e.getCause());
        }
      }
      if (first != null) {
        throw first;
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while copying closures");
    } finally {
      pool.shutdownNow();
    }
  }

  private long copy(TargetEntry t, TargetClient client) throws IOException {
    List<StorePath> closure = store.closure(List.of(store.parsePath(t.profile())));
    Set<StorePath> missing = client.queryMissing(closure);
    if (missing.isEmpty()) {
      return 0;
    }
    events.transferStarted(t.name(), missing.size());
    long started = System.nanoTime();
    long bytes = client.importClosure(store, missing, n -> events.transferProgress(t.name(), n));
    events.transferFinished(
        t.name(), missing.size(), bytes, Duration.ofNanos(System.nanoTime() - started));
    return bytes;
  }

  private static IOException asIo(Throwable t) {
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    return new IOException(t);
  }
}
