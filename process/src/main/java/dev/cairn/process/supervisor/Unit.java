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
import java.util.concurrent.TimeUnit;

/**
 * One supervised process and the thread that runs its life cycle: wait for dependencies, start it
 * in its own session (so its whole process group can be signalled), probe readiness, wait for it to
 * exit and restart it per its policy. A failure here never touches another unit.
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

  final ProcessSpec spec;
  private final GlobalParams global;
  private final Supervisor supervisor;
  private volatile State state = State.WAITING;
  private volatile ProcessHandle handle;
  private volatile Process process;
  private volatile boolean stopping;
  private volatile int restarts;
  private volatile String message;
  private Thread thread;

  Unit(ProcessSpec spec, GlobalParams global, Supervisor supervisor) {
    this.spec = spec;
    this.global = global;
    this.supervisor = supervisor;
  }

  /**
   * Starts the life cycle; {@code adopted} is a still-running process from an earlier supervisor.
   */
  void start(ProcessHandle adopted) {
    thread = new Thread(() -> run(adopted), "unit-" + spec.name());
    thread.setDaemon(true);
    thread.start();
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

  private void run(ProcessHandle adopted) {
    ProcessHandle h = adopted;
    long backoff = spec.restart().backoffMillis();
    try {
      while (!stopping) {
        if (h == null) {
          waitForDependencies();
          h = spawn();
          if (h == null) {
            return;
          }
        } else {
          handle = h;
          set(State.RUNNING, "adopted");
        }
        long logFrom = Files.exists(log()) ? Files.size(log()) : 0;
        if (!awaitReady(h, adopted != null ? 0 : logFrom)) {
          Signals.group(h.pid(), "KILL");
        }
        adopted = null;
        int exit = awaitExit(h);
        h = null;
        handle = null;
        supervisor.persist();
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
        Thread.sleep(backoff);
        backoff = Math.min(Math.max(backoff, 1) * 2, 30_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopping
    } catch (IOException | RuntimeException e) {
      set(State.FAILED, "cannot start: " + e.getMessage() + "; see " + log());
      supervisor.log(spec.name() + ": " + e);
    }
  }

  private void waitForDependencies() throws InterruptedException {
    while (!stopping) {
      List<String> missing = supervisor.unmetDependencies(spec);
      if (missing.isEmpty()) {
        return;
      }
      if (state != State.WAITING || !String.valueOf(message).equals(waitingFor(missing))) {
        set(State.WAITING, waitingFor(missing));
      }
      supervisor.awaitChange(500);
    }
    throw new InterruptedException("stopping");
  }

  private static String waitingFor(List<String> missing) {
    return "waiting for " + String.join(", ", missing);
  }

  /** Starts the process in a session of its own; null if a stop came first. */
  private synchronized ProcessHandle spawn() throws IOException, InterruptedException {
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
    process = pb.start();
    handle = process.toHandle();
    supervisor.persist();
    set(State.RUNNING, null);
    return handle;
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

  /** Probes until ready; false after the probe's timeout (the process is then killed). */
  private boolean awaitReady(ProcessHandle h, long logFrom) throws InterruptedException {
    ProcessSpec.Readiness r = spec.readiness();
    if (r == null) {
      set(State.READY, null);
      return true;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(r.timeoutMillis());
    while (Liveness.alive(h) && !stopping) {
      if (Probes.check(r, log(), logFrom)) {
        set(State.READY, null);
        return true;
      }
      if (System.nanoTime() > deadline) {
        set(State.FAILED, "not ready after " + r.timeoutMillis() + " ms (" + r.kind() + ")");
        return false;
      }
      Thread.sleep(r.periodMillis());
    }
    return true;
  }

  private int awaitExit(ProcessHandle h) throws InterruptedException {
    Process p = process;
    if (p != null && p.pid() == h.pid()) {
      int exit = p.waitFor();
      process = null;
      return exit;
    }
    Liveness.awaitDeath(h, 250); // not our child: no exit notification, and it may stay a zombie
    return -1; // an adopted process's status is not ours to know
  }

  /** Stops the process group: SIGTERM, then SIGKILL after the stop timeout. */
  void stop() {
    synchronized (this) {
      stopping = true;
    }
    if (thread != null) {
      thread.interrupt();
    }
    ProcessHandle h = handle;
    if (h != null) {
      Signals.group(h.pid(), "TERM");
      try {
        if (!Liveness.awaitDeath(h, 20, spec.stopTimeoutMillis())) {
          supervisor.log(spec.name() + ": still running after SIGTERM; sending SIGKILL");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Signals.group(h.pid(), "KILL"); // anything left in the group
      h.destroyForcibly();
    }
    joinThread();
    handle = null;
    set(State.STOPPED, null);
  }

  private void joinThread() {
    if (thread == null) {
      return;
    }
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
