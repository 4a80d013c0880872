package dev.cairn.process.supervisor;

import dev.cairn.process.GlobalParams;
import dev.cairn.process.Launch;
import dev.cairn.process.ProcessSpec;
import dev.cairn.process.ProcessSpec.Policy;
import dev.cairn.process.ProcessStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One supervised process and its life cycle: wait for dependencies, start it in its own session (so
 * its whole process group can be signalled), probe readiness, wait for it to exit and restart it
 * per its policy. The life cycle is a chain of steps on the supervisor's {@link Scheduler}, driven
 * by events (a dependency changed, the process exited, a period elapsed) rather than a thread per
 * process; a step of a process that meanwhile exited or was stopped does nothing. A failure here
 * never touches another unit.
 */
final class Unit {
  enum State {
    WAITING,
    STARTING,
    RUNNING,
    READY,
    BACKOFF,
    COMPLETED,
    FAILED,
    STOPPED
  }

  /** How long {@link #stop} waits for a process killed with SIGKILL to be gone. */
  private static final long KILL_WAIT_MILLIS = 5000;

  final ProcessSpec spec;
  private final GlobalParams global;
  private final Supervisor supervisor;
  private final Scheduler scheduler;
  private volatile State state = State.WAITING;
  private volatile ProcessHandle handle;
  private volatile int restarts;
  private volatile String message;
  // Guarded by this: what the next step may do.
  private boolean stopping;
  private boolean awaitingDependencies;
  private long backoff;
  private Future<?> nextStep; // a timed probe or restart
  private Future<?> exitPoll; // an adopted process's liveness check

  Unit(ProcessSpec spec, GlobalParams global, Supervisor supervisor, Scheduler scheduler) {
    this.spec = spec;
    this.global = global;
    this.supervisor = supervisor;
    this.scheduler = scheduler;
    this.backoff = spec.restart().backoffMillis();
  }

  /**
   * Starts the life cycle; {@code adopted} is a still-running process from an earlier supervisor.
   */
  void start(ProcessHandle adopted) {
    scheduler.execute(adopted != null ? () -> adopt(adopted) : this::awaitDependencies);
  }

  State state() {
    return state;
  }

  Optional<ProcessHandle> handle() {
    return Optional.ofNullable(handle);
  }

  ProcessStatus status() {
    ProcessHandle h = handle;
    return new ProcessStatus(
        spec.name(), state.name(), h == null ? null : h.pid(), restarts, message);
  }

  private void set(State s, String why) {
    state = s;
    message = why;
    supervisor.changed();
  }

  private synchronized void awaitDependencies() {
    if (!stopping) {
      awaitingDependencies = true;
      dependenciesChanged();
    }
  }

  /** Starts the process if it awaits its dependencies and they are met now. */
  void dependenciesChanged() {
    synchronized (this) {
      if (stopping || !awaitingDependencies) {
        return;
      }
      List<String> missing = supervisor.unmetDependencies(spec);
      if (!missing.isEmpty()) {
        if (state != State.WAITING || !String.valueOf(message).equals(waitingFor(missing))) {
          set(State.WAITING, waitingFor(missing));
        }
        return;
      }
      awaitingDependencies = false;
    }
    scheduler.execute(this::spawnAndWatch);
  }

  private static String waitingFor(List<String> missing) {
    return "waiting for " + String.join(", ", missing);
  }

  private void spawnAndWatch() {
    try {
      Spawned s = spawn();
      if (s != null) {
        Process p = s.process();
        ProcessHandle h = p.toHandle();
        p.onExit().thenRun(() -> scheduler.execute(() -> exited(h, p.exitValue())));
        awaitReady(h, s.logFrom());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      set(State.FAILED, "cannot start: " + e.getMessage() + "; see " + log());
      supervisor.log(spec.name() + ": " + e);
    }
  }

  /** Watches a process an earlier supervisor started; it is not our child, so it is polled. */
  private void adopt(ProcessHandle h) {
    synchronized (this) {
      if (stopping) {
        return;
      }
      handle = h;
      set(State.RUNNING, "adopted");
      exitPoll =
          scheduler.every(
              250,
              () -> {
                if (!Liveness.alive(h)) { // not our child: it may stay a zombie
                  scheduler.execute(() -> exited(h, -1)); // its status is not ours to know
                }
              });
    }
    awaitReady(h, 0);
  }

  /** A process just started, and the length its log had before (where its probe reads from). */
  private record Spawned(Process process, long logFrom) {}

  /** Starts the process in a session of its own; null if a stop came first. */
  private synchronized Spawned spawn() throws IOException, InterruptedException {
    if (stopping) {
      return null;
    }
    set(State.STARTING, null);
    for (Path dir : List.of(global.logDir(), global.runtimeDir(), global.tmpDir())) {
      Files.createDirectories(dir);
    }
    if (spec.initialize() != null) {
      initialize();
    }
    List<String> cmd = new ArrayList<>();
    cmd.add("setsid");
    cmd.addAll(Launch.command(spec, global, false));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(Launch.directory(spec).toFile());
    pb.environment().clear();
    pb.environment().putAll(Launch.environment(spec));
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    pb.redirectInput(new File("/dev/null"));
    long logFrom = Files.exists(log()) ? Files.size(log()) : 0;
    Process process = pb.start();
    handle = process.toHandle();
    supervisor.persist();
    set(State.RUNNING, null);
    return new Spawned(process, logFrom);
  }

  private void initialize() throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("/bin/sh", "-c", spec.initialize())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("its initialize script failed");
    }
  }

  /** Probes readiness, a step each period, until it passes, the process exits or time is up. */
  private void awaitReady(ProcessHandle h, long logFrom) {
    ProcessSpec.Readiness r = spec.readiness();
    if (r == null) {
      ready(h);
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(r.timeoutMillis());
    probe(h, r, logFrom, deadline);
  }

  private void probe(ProcessHandle h, ProcessSpec.Readiness r, long logFrom, long deadline) {
    if (!Liveness.alive(h)) {
      return; // its exit decides what comes next
    }
    if (Probes.check(r, log(), logFrom)) {
      ready(h);
      return;
    }
    synchronized (this) {
      if (stopping || handle != h) {
        return;
      }
      if (System.nanoTime() <= deadline) {
        nextStep = scheduler.after(r.periodMillis(), () -> probe(h, r, logFrom, deadline));
        return;
      }
      set(State.FAILED, "not ready after " + r.timeoutMillis() + " ms (" + r.kind() + ")");
    }
    Signals.group(h.pid(), "KILL"); // its exit decides what comes next
  }

  private synchronized void ready(ProcessHandle h) {
    if (!stopping && handle == h) {
      set(State.READY, null);
    }
  }

  /** The process {@code h} ended with status {@code exit}: restart it per its policy, or not. */
  private void exited(ProcessHandle h, int exit) {
    synchronized (this) {
      if (handle != h) {
        return; // already seen
      }
      handle = null;
      cancel(exitPoll);
      cancel(nextStep);
    }
    supervisor.persist();
    synchronized (this) {
      if (stopping) {
        return;
      }
      Policy policy = spec.restart().policy();
      if (policy == Policy.NO || (policy == Policy.ON_FAILURE && exit == 0)) {
        set(exit == 0 ? State.COMPLETED : State.FAILED, "exited with status " + exit);
        return;
      }
      if (restarts >= spec.restart().maxRestarts()) {
        set(State.FAILED, "exited with status " + exit + " after " + restarts + " restarts");
        return;
      }
      restarts++;
      set(State.BACKOFF, "exited with status " + exit + "; restarting in " + backoff + " ms");
      nextStep = scheduler.after(backoff, this::awaitDependencies);
      backoff = Math.min(Math.max(backoff, 1) * 2, 30_000);
    }
  }

  private static void cancel(Future<?> step) {
    if (step != null) {
      step.cancel(false);
    }
  }

  /** Stops the process group: SIGTERM, then SIGKILL after the stop timeout. */
  void stop() {
    ProcessHandle h;
    synchronized (this) {
      stopping = true; // no step goes further, and a spawn under way has finished
      cancel(nextStep);
      h = handle;
    }
    if (h != null) {
      Signals.group(h.pid(), "TERM");
      try {
        if (!Liveness.awaitDeath(h, 20, spec.stopTimeoutMillis())) {
          supervisor.log(spec.name() + ": still running after SIGTERM; sending SIGKILL");
          kill(h);
          if (!Liveness.awaitDeath(h, 20, KILL_WAIT_MILLIS)) {
            supervisor.log(spec.name() + ": still running after SIGKILL (stuck in the kernel?)");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      kill(h); // anything left in the group
    }
    synchronized (this) {
      cancel(exitPoll);
      handle = null;
      set(State.STOPPED, null);
    }
  }

  private static void kill(ProcessHandle h) {
    Signals.group(h.pid(), "KILL");
    h.destroyForcibly();
  }

  Path log() {
    return Launch.logFile(spec, global);
  }

  /** The start time of the running process, for adoption after a supervisor restart. */
  Optional<Instant> startInstant() {
    ProcessHandle h = handle;
    return h == null ? Optional.empty() : h.info().startInstant();
  }
}
