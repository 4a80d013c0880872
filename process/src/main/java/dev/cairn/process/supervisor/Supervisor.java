package dev.cairn.process.supervisor;

import dev.cairn.process.GlobalParams;
import dev.cairn.process.ProcessSpec;
import dev.cairn.process.ProcessSpec.Condition;
import dev.cairn.process.ProcessSpec.Dependency;
import dev.cairn.process.ProcessStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded supervisor's core: the desired processes and their units. Applying a new set stops
 * what left or changed (dependents first), starts what is new and leaves the rest as it is. A
 * process stopped by name stays stopped, also across supervisor restarts and switches that leave it
 * unchanged, until it is started by name (or changed by a switch).
 */
final class Supervisor {
  private static final Set<Unit.State> SETTLED =
      Set.of(Unit.State.READY, Unit.State.COMPLETED, Unit.State.FAILED, Unit.State.STOPPED);

  private final Path dir;
  private final StateFile stateFile;
  private final Object changes = new Object();
  private final Object persisting = new Object();
  private final Map<String, Unit> units = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Set<String> stopped = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean recheckQueued = new AtomicBoolean();
  private final Scheduler scheduler = new Scheduler(this::log);
  private volatile GlobalParams global;

  Supervisor(Path dir) {
    this.dir = dir;
    this.stateFile = new StateFile(dir.resolve("state.json"));
  }

  /** The threads that run the units' steps, also for the daemon's own periodic work. */
  Scheduler scheduler() {
    return scheduler;
  }

  /** Takes over from an earlier supervisor: adopts processes still running, starts the others. */
  void recover() throws IOException {
    StateFile.State saved = stateFile.load();
    if (saved == null || saved.global() == null) {
      return;
    }
    global = saved.global();
    if (saved.stopped() != null) {
      stopped.addAll(saved.stopped());
    }
    for (ProcessSpec spec : saved.processes()) {
      Unit unit = new Unit(spec, global, this, scheduler);
      units.put(spec.name(), unit);
      if (stopped.contains(spec.name())) {
        unit.stop(); // never started: only marked stopped
      } else {
        unit.start(adoptable(saved.running().get(spec.name())));
      }
    }
    log("recovered " + units.size() + " processes");
  }

  private static ProcessHandle adoptable(StateFile.Running r) {
    if (r == null) {
      return null;
    }
    return ProcessHandle.of(r.pid())
        .filter(Liveness::alive)
        .filter(
            h ->
                h.info().startInstant().map(i -> i.toEpochMilli() == r.startMillis()).orElse(false))
        .orElse(null);
  }

  /** Makes {@code specs} (dependencies first) the running set and waits for them to settle. */
  synchronized List<ProcessStatus> apply(
      GlobalParams newGlobal, List<ProcessSpec> specs, long timeoutMillis) throws IOException {
    Map<String, ProcessSpec> wanted = new LinkedHashMap<>();
    specs.forEach(s -> wanted.put(s.name(), s));
    List<Unit> old;
    synchronized (units) {
      old = new ArrayList<>(units.values());
    }
    boolean globalChanged = global != null && !global.equals(newGlobal);
    Collections.reverse(old); // dependents first
    for (Unit u : old) {
      if (globalChanged || !u.spec.equals(wanted.get(u.spec.name()))) {
        u.stop();
        units.remove(u.spec.name());
        stopped.remove(u.spec.name()); // a changed process starts again
      }
    }
    global = newGlobal;
    Map<String, Unit> next = new LinkedHashMap<>();
    for (ProcessSpec spec : specs) {
      Unit existing = units.get(spec.name());
      next.put(spec.name(), existing != null ? existing : new Unit(spec, global, this, scheduler));
    }
    synchronized (units) {
      Map<String, Unit> before = new LinkedHashMap<>(units);
      units.clear();
      units.putAll(next);
      next.forEach(
          (name, u) -> {
            if (!before.containsKey(name)) {
              u.start(null);
            }
          });
    }
    persist();
    return awaitSettled(timeoutMillis);
  }

  List<ProcessStatus> awaitSettled(long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (snapshot().stream().allMatch(u -> SETTLED.contains(u.state()))) {
        break;
      }
      awaitChange(200);
    }
    return status();
  }

  List<ProcessStatus> status() {
    return snapshot().stream().map(Unit::status).toList();
  }

  private List<Unit> snapshot() {
    synchronized (units) {
      return new ArrayList<>(units.values());
    }
  }

  Unit unit(String name) throws IOException {
    Unit u = units.get(name);
    if (u == null) {
      throw new IOException(
          "no process '" + name + "' in the current profile; known: " + units.keySet());
    }
    return u;
  }

  /** Stops a process and remembers it: it stays stopped until {@link #start}. */
  synchronized void stop(String name) throws IOException {
    unit(name).stop();
    stopped.add(name);
    persist();
  }

  synchronized List<ProcessStatus> start(String name, long timeoutMillis) throws IOException {
    Unit old = unit(name);
    stopped.remove(name);
    persist();
    if (old.handle().isEmpty()) {
      old.stop();
      Unit fresh = new Unit(old.spec, global, this, scheduler);
      units.put(name, fresh);
      fresh.start(null);
    }
    return awaitSettled(timeoutMillis);
  }

  /** Stops everything, dependents first (on shutdown). */
  synchronized void stopAll() {
    List<Unit> all = snapshot();
    Collections.reverse(all);
    all.forEach(Unit::stop);
    units.clear();
    stopped.clear();
    global = null;
    try {
      stateFile.save(new StateFile.State(null, List.of(), Map.of(), List.of()));
    } catch (IOException e) {
      log("cannot save state: " + e);
    }
  }

  /** The dependencies of {@code spec} whose condition does not hold yet. */
  List<String> unmetDependencies(ProcessSpec spec) {
    List<String> missing = new ArrayList<>();
    for (Dependency dep : spec.dependencies()) {
      Unit u = units.get(dep.name());
      Unit.State s = u == null ? null : u.state();
      boolean met =
          s != null
              && switch (dep.condition()) {
                case STARTED ->
                    s == Unit.State.RUNNING || s == Unit.State.READY || s == Unit.State.COMPLETED;
                case HEALTHY -> s == Unit.State.READY || s == Unit.State.COMPLETED;
                case COMPLETED -> s == Unit.State.COMPLETED;
              };
      if (!met) {
        missing.add(
            dep.name()
                + (dep.condition() == Condition.HEALTHY
                    ? ""
                    : " (" + dep.condition().name().toLowerCase() + ")"));
      }
    }
    return missing;
  }

  /**
   * A unit's state changed: wakes who awaits settling, and lets the units that await their
   * dependencies check them again (once for a burst of changes).
   */
  void changed() {
    synchronized (changes) {
      changes.notifyAll();
    }
    if (recheckQueued.compareAndSet(false, true)) {
      scheduler.execute(
          () -> {
            recheckQueued.set(false);
            snapshot().forEach(Unit::dependenciesChanged);
          });
    }
  }

  void awaitChange(long millis) {
    synchronized (changes) {
      try {
        changes.wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Records the desired processes and the PIDs and start times of the running ones. Units call this
   * from their steps, concurrently: taking the snapshot and saving it is one step, so that an older
   * snapshot never overwrites a newer one (a PID missing from the state means a second copy after a
   * supervisor restart).
   */
  void persist() {
    synchronized (persisting) {
      persistNow();
    }
  }

  private void persistNow() {
    List<Unit> all = snapshot();
    Map<String, StateFile.Running> running = new LinkedHashMap<>();
    for (Unit u : all) {
      u.handle()
          .ifPresent(
              h ->
                  u.startInstant()
                      .map(Instant::toEpochMilli)
                      .ifPresent(
                          start ->
                              running.put(u.spec.name(), new StateFile.Running(h.pid(), start))));
    }
    List<ProcessSpec> specs = all.stream().map(u -> u.spec).toList();
    try {
      stateFile.save(
          new StateFile.State(global, specs, running, List.copyOf(new TreeSet<>(stopped))));
    } catch (IOException e) {
      log("cannot save state: " + e);
    }
  }

  void log(String line) {
    try {
      Files.writeString(
          dir.resolve("supervisor.log"),
          Instant.now() + " " + Objects.toString(line) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // Nowhere else to report it.
    }
  }
}
