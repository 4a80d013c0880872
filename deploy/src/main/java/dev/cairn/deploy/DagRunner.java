package dev.cairn.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Runs one step per mapping in an order that respects "after" edges, in parallel up to each
 * target's cores. On the first failure (or when cancelled) it starts nothing new, lets the running
 * steps finish, and reports which steps completed — what a rollback has to undo.
 */
final class DagRunner {
  /** One step's work. */
  interface Step {
    void run(MappingEntry mapping) throws Exception;
  }

  /** What happened. */
  record Outcome(List<MappingEntry> completed, Exception failure, MappingEntry failedMapping) {
    boolean ok() {
      return failure == null;
    }
  }

  private final ExecutorService pool;
  private final Map<String, Integer> cores;
  private final BooleanSupplier cancelled;

  DagRunner(ExecutorService pool, Map<String, Integer> cores, BooleanSupplier cancelled) {
    this.pool = pool;
    this.cores = cores;
    this.cancelled = cancelled;
  }

  /**
   * Runs {@code step} for each of {@code mappings}; a mapping starts once every mapping in its
   * {@code after} list that is also in {@code mappings} has completed.
   */
  Outcome run(List<MappingEntry> mappings, Map<String, List<MappingEntry>> after, Step step)
      throws InterruptedException {
    Set<String> pendingKeys = new HashSet<>();
    mappings.forEach(m -> pendingKeys.add(m.key()));
    Set<MappingEntry> waiting = new LinkedHashSet<>(mappings);
    Set<String> done = new HashSet<>();
    Map<String, Integer> running = new HashMap<>();
    Map<Future<MappingEntry>, MappingEntry> inFlight = new HashMap<>();
    ExecutorCompletionService<MappingEntry> completion = new ExecutorCompletionService<>(pool);
    List<MappingEntry> completed = new ArrayList<>();
    Exception failure = null;
    MappingEntry failed = null;
    while (!waiting.isEmpty() || !inFlight.isEmpty()) {
      if (failure == null && cancelled.getAsBoolean()) {
        failure = new InterruptedException("interrupted");
      }
      if (failure == null) {
        startReady(waiting, pendingKeys, done, after, running, inFlight, completion, step);
      }
      if (inFlight.isEmpty()) {
        if (failure == null && !waiting.isEmpty()) {
          throw new IllegalStateException("mappings wait on each other: " + waiting);
        }
        break;
      }
      Future<MappingEntry> f = completion.take();
      MappingEntry m = inFlight.remove(f);
      running.merge(m.target(), -1, Integer::sum);
      try {
        f.get();
        done.add(m.key());
        completed.add(m);
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
          failed = m;
        }
      }
    }
    return new Outcome(completed, failure, failed);
  }

  private void startReady(
      Set<MappingEntry> waiting,
      Set<String> pendingKeys,
      Set<String> done,
      Map<String, List<MappingEntry>> after,
      Map<String, Integer> running,
      Map<Future<MappingEntry>, MappingEntry> inFlight,
      ExecutorCompletionService<MappingEntry> completion,
      Step step) {
    for (var it = waiting.iterator(); it.hasNext(); ) {
      MappingEntry m = it.next();
      boolean ready =
          after.getOrDefault(m.key(), List.of()).stream()
              .allMatch(d -> !pendingKeys.contains(d.key()) || done.contains(d.key()));
      int busy = running.getOrDefault(m.target(), 0);
      if (ready && busy < cores.getOrDefault(m.target(), 1)) {
        running.put(m.target(), busy + 1);
        it.remove();
        inFlight.put(
            completion.submit(
                () -> {
                  step.run(m);
                  return m;
                }),
            m);
      }
    }
  }
}
