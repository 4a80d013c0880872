package dev.cairn.process.supervisor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The embedded supervisor's threads: one timer and a few workers that run the units' steps
 * (dependency checks, spawns, probes, exits, restarts), instead of a thread per process, which kept
 * the supervisor's resident memory above its budget (issue 5). Steps are short or bounded by their
 * own timeouts (a probe attempt, an initialize script), so a slow one holds up the others' for that
 * long at most. The number of workers is fixed rather than growing with demand: threads that come
 * and go under load would leave their stacks resident (glibc caches them).
 */
final class Scheduler {
  private static final int WORKERS = 4;
  private static final long IDLE_WORKER_MILLIS = 2000;

  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService workers;
  private final Consumer<String> log;

  Scheduler(Consumer<String> log) {
    this.log = log;
    this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("supervisor-timer"));
    timer.setRemoveOnCancelPolicy(true);
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            WORKERS,
            WORKERS,
            IDLE_WORKER_MILLIS,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("supervisor-worker"));
    pool.allowCoreThreadTimeOut(true); // none left while nothing happens
    this.workers = pool;
  }

  /** Runs {@code step} on a worker. */
  void execute(Runnable step) {
    workers.execute(guarded(step));
  }

  /** Runs {@code step} on a worker after {@code millis}; cancel the result to drop it. */
  Future<?> after(long millis, Runnable step) {
    return timer.schedule(() -> execute(step), millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code check} on the timer thread every {@code millis} until cancelled; only for quick
   * checks (reading a file under /proc), since every timed step waits for it.
   */
  Future<?> every(long millis, Runnable check) {
    return timer.scheduleWithFixedDelay(guarded(check), millis, millis, TimeUnit.MILLISECONDS);
  }

  private Runnable guarded(Runnable step) {
    return () -> {
      try {
        step.run();
      } catch (RuntimeException e) { // a bug in one step must not end the timer or a worker
        log.accept("step failed: " + e);
      }
    };
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
