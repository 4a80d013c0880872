package dev.cairn.deploy;

import dev.cairn.agent.MappingActivation;
import dev.cairn.agent.TargetClient;
import dev.cairn.agent.TargetException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Brings the targets from one manifest to another: lock every target, deactivate obsolete mappings
 * (dependents first), activate new ones (dependencies first), set the target profiles, unlock. Any
 * failure after locking — or an interruption — rolls back to the previous configuration before
 * unlocking.
 */
public final class Transition {
  private final Map<String, TargetClient> clients;
  private final DeployEvents events;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /** A transition over {@code clients} (one per target of either manifest). */
  public Transition(Map<String, TargetClient> clients, DeployEvents events) {
    this.clients = Map.copyOf(clients);
    this.events = events;
  }

  /** Asks a running transition to stop and roll back (from a signal handler, say). */
  public void cancel() {
    cancelled.set(true);
  }

  /**
   * Runs {@code plan}; {@code beforeUnlock} runs after the activations and target profiles, with
   * the targets still locked (the coordinator sets its generation there).
   *
   * @param lock whether to take the targets' locks (--no-lock skips them)
   * @throws TransitionException if it failed, saying whether it rolled back
   */
  public void run(TransitionPlan plan, boolean lock, Runnable beforeUnlock) throws IOException {
    String profile = plan.to().profile();
    List<String> locked = new ArrayList<>();
    if (lock) {
      events.phase("locking");
      lockAll(plan, profile, locked);
    }
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      execute(plan, pool);
      events.phase("setting profiles");
      for (TargetEntry t : plan.to().targets().values()) {
        clients
            .get(t.name())
            .setProfile(
                profile,
                dev.cairn.store.StorePath.parseBaseName(
                    Path.of(t.profile()).getFileName().toString()));
      }
      beforeUnlock.run();
    } finally {
      pool.shutdownNow();
      if (lock) {
        unlockAll(plan, profile, locked);
      }
    }
  }

  private void lockAll(TransitionPlan plan, String profile, List<String> locked)
      throws IOException {
    for (String t : plan.targets()) {
      try {
        clients.get(t).lock(profile, installed(plan.from(), t));
        locked.add(t);
      } catch (IOException e) {
        unlockAll(plan, profile, locked);
        throw e;
      }
    }
  }

  private void unlockAll(TransitionPlan plan, String profile, List<String> locked) {
    for (String t : locked) {
      try {
        clients.get(t).unlock(profile, installed(plan.to(), t));
      } catch (IOException e) {
        events.note("warning: could not unlock target '" + t + "': " + e.getMessage());
      }
    }
    locked.clear();
  }

  private List<MappingActivation> installed(Manifest m, String target) {
    List<MappingActivation> list = new ArrayList<>();
    for (MappingEntry e : m.mappingsOn(target)) {
      list.add(activation(m, e));
    }
    return list;
  }

  private void execute(TransitionPlan plan, ExecutorService pool) throws IOException {
    DagRunner runner = new DagRunner(pool, coresOf(plan), cancelled::get);
    Map<String, List<MappingEntry>> oldAfter = reversed(plan.from());
    Map<String, List<MappingEntry>> newAfter = TransitionPlan.dependencies(plan.to());
    try {
      events.phase("deactivating");
      DagRunner.Outcome off =
          runner.run(plan.deactivate(), oldAfter, m -> deactivate(plan.from(), m));
      if (off.ok() && cancelled.get()) {
        off = new DagRunner.Outcome(off.completed(), new InterruptedException("interrupted"), null);
      }
      if (!off.ok()) {
        rollback(plan, pool, off.completed(), List.of(), off);
      }
      events.phase("activating");
      DagRunner.Outcome on = runner.run(plan.activate(), newAfter, m -> activate(plan.to(), m));
      if (on.ok() && cancelled.get()) {
        // Interrupted during the last activities: still a rollback, as promised.
        on = new DagRunner.Outcome(on.completed(), new InterruptedException("interrupted"), null);
      }
      if (!on.ok()) {
        // The failed mapping may be half-started: deactivating it too is safe (idempotent).
        List<MappingEntry> undo = new ArrayList<>(on.completed());
        if (on.failedMapping() != null) {
          undo.add(on.failedMapping());
        }
        rollback(plan, pool, plan.deactivate(), undo, on);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransitionException(
          "interrupted while waiting for activities; the targets may be half-way: run"
              + " 'cairn deploy' again to finish, or --rollback",
          false,
          List.of(),
          e);
    }
  }

  private void rollback(
      TransitionPlan plan,
      ExecutorService pool,
      List<MappingEntry> deactivated,
      List<MappingEntry> activated,
      DagRunner.Outcome failedAt)
      throws InterruptedException, TransitionException {
    events.phase("rolling back");
    AtomicBoolean never = new AtomicBoolean();
    DagRunner undo = new DagRunner(pool, coresOf(plan), never::get);
    DagRunner.Outcome off = undo.run(activated, reversed(plan.to()), m -> deactivate(plan.to(), m));
    DagRunner.Outcome on =
        off.ok()
            ? undo.run(
                deactivated,
                TransitionPlan.dependencies(plan.from()),
                m -> activate(plan.from(), m))
            : off;
    throw failure(plan, failedAt, off.ok() && on.ok(), on.ok() ? off : on);
  }

  private static Map<String, Integer> coresOf(TransitionPlan plan) {
    Map<String, Integer> cores = new HashMap<>();
    plan.from().targets().values().forEach(t -> cores.put(t.name(), t.numOfCores()));
    plan.to().targets().values().forEach(t -> cores.put(t.name(), t.numOfCores()));
    return cores;
  }

  private TransitionException failure(
      TransitionPlan plan, DagRunner.Outcome failedAt, boolean rolledBack, DagRunner.Outcome rb) {
    List<String> details = new ArrayList<>();
    String what;
    if (failedAt.failedMapping() == null) {
      what = "the deployment was interrupted";
    } else {
      MappingEntry m = failedAt.failedMapping();
      Manifest where = plan.to().mapping(m.key()).isPresent() ? plan.to() : plan.from();
      what =
          "service '"
              + where.services().get(m.service()).name()
              + "' failed on target '"
              + m.target()
              + "': "
              + failedAt.failure().getMessage();
      if (failedAt.failure() instanceof TargetException te) {
        te.log().ifPresent(l -> details.add("log: " + l));
        te.logTail().forEach(line -> details.add("  | " + line));
      }
    }
    if (rolledBack) {
      return new TransitionException(
          what + "; rolled back to the previous configuration", true, details, failedAt.failure());
    }
    details.add("the rollback failed too: " + rb.failure().getMessage());
    details.add(
        "recover with 'cairn deploy' again once the cause is fixed, or 'cairn deploy --rollback'");
    return new TransitionException(
        what + "; the rollback failed, the targets are in an intermediate state",
        false,
        details,
        failedAt.failure());
  }

  private void activate(Manifest m, MappingEntry e) throws IOException {
    MappingActivation a = activation(m, e);
    events.activity("activate", a.service(), e.target());
    clients.get(e.target()).activate(a);
  }

  private void deactivate(Manifest m, MappingEntry e) throws IOException {
    MappingActivation a = activation(m, e);
    events.activity("deactivate", a.service(), e.target());
    clients.get(e.target()).deactivate(a);
  }

  static MappingActivation activation(Manifest m, MappingEntry e) {
    ServiceEntry s = m.services().get(e.service());
    return new MappingActivation(
        s.name(),
        e.key(),
        s.type(),
        Path.of(s.pkg()),
        e.container(),
        e.containerProperties(),
        s.attributes());
  }

  /** Turns "a after b" edges around: for deactivation, dependents go first. */
  static Map<String, List<MappingEntry>> reversed(Manifest m) {
    Map<String, List<MappingEntry>> after = TransitionPlan.dependencies(m);
    Map<String, List<MappingEntry>> rev = new HashMap<>();
    for (MappingEntry dependent : m.mappings()) {
      for (MappingEntry dep : after.getOrDefault(dependent.key(), List.of())) {
        rev.computeIfAbsent(dep.key(), k -> new ArrayList<>()).add(dependent);
      }
    }
    return rev;
  }
}
