package dev.cairn.deploy;

import dev.cairn.agent.TargetClient;
import dev.cairn.model.DeploymentModel;
import dev.cairn.store.Generation;
import dev.cairn.store.LocalStore;
import dev.cairn.store.Profiles;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import dev.cairn.store.build.BuildEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The coordinator: deploys models, undeploys, rolls back and switches generations. Each deployment
 * of a profile is a generation of the coordinator profile {@code coordinator-NAME}, which points at
 * the deployment's manifest in the store.
 */
public final class Deployer {
  private final LocalStore store;
  private final TargetConnector connector;
  private final DeployEvents events;
  private final BuildEvents buildEvents;
  private volatile Transition running;
  private volatile boolean cancelled;

  /** A coordinator working with {@code store}, reaching targets through {@code connector}. */
  public Deployer(
      LocalStore store, TargetConnector connector, DeployEvents events, BuildEvents buildEvents) {
    this.store = store;
    this.connector = connector;
    this.events = events;
    this.buildEvents = buildEvents;
  }

  /**
   * Asks the deployment under way to stop: one in its transition rolls back once the running
   * activities end; one still building, connecting or distributing stops before it changes any
   * target, once its current step ends.
   *
   * @return what happens now, for the user
   */
  public String cancel() {
    cancelled = true; // before reading running: see stopIfCancelled
    Transition t = running;
    if (t != null) {
      t.cancel();
      return "letting the running activities finish, then rolling back";
    }
    return "stopping before any target changes, once the current step ends";
  }

  /**
   * Throws if {@link #cancel} was called. Called again right after {@code running} is set, so that
   * a cancel that found no transition still stops this one before its first activity.
   */
  private void stopIfCancelled() throws StoreException {
    if (cancelled) {
      throw new StoreException(
          "the deployment was interrupted before it changed any target; nothing to roll back");
    }
  }

  /**
   * Deploys {@code model}: builds what changed, then transitions the targets to it.
   *
   * @param defaultInterface the client interface of targets that name none
   * @param defaultTargetProperty the property holding the address of targets that name none; the
   *     manifest records it, so that later transitions from this deployment reach the same place
   * @throws TransitionException if the transition failed (rolled back or not)
   */
  public DeployReport deploy(
      DeploymentModel model,
      DeployOptions options,
      String defaultInterface,
      String defaultTargetProperty,
      boolean dryRun)
      throws IOException {
    Manifest now =
        options.upgrade() ? current(options.profile()) : Manifest.empty(options.profile());
    // If nothing changes, the targets are only asked whether they still have the current
    // profiles: ask while building, as the answers (an ssh connection each) take a while.
    ProfileCheck check = dryRun || now.targets().isEmpty() ? null : new ProfileCheck(now);
    try {
      events.phase(dryRun ? "planning" : "building");
      ManifestMaker maker =
          new ManifestMaker(store, options, buildEvents, defaultInterface, defaultTargetProperty);
      Manifest next = maker.make(model, options.profile(), dryRun);
      TransitionPlan plan = TransitionPlan.between(now, next);
      if (dryRun) {
        return new DeployReport(plan, maker.builds(), Optional.empty(), true, 0);
      }
      return apply(plan, options, maker.builds(), -1, check);
    } finally {
      if (check != null) {
        check.close();
      }
    }
  }

  /**
   * Asks every target of a manifest, in the background and without a session, whether its profile
   * is the manifest's (see {@link TargetConnector#profileIs}).
   */
  private final class ProfileCheck implements AutoCloseable {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Future<Boolean>> answers = new ArrayList<>();

    ProfileCheck(Manifest m) {
      for (TargetEntry t : m.targets().values()) {
        answers.add(
            pool.submit(
                () ->
                    t.profile() != null
                        && connector.profileIs(t, m.profile(), store.parsePath(t.profile()))));
      }
    }

    /** Whether every target said yes; false at the first doubt. */
    boolean allInPlace() throws IOException {
      events.phase("checking targets");
      try {
        for (Future<Boolean> a : answers) {
          if (!a.get()) {
            return false;
          }
        }
        return true;
      } catch (ExecutionException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while checking targets");
      }
    }

    /** Stops asking (interrupting the questions still running: their ssh ends with them). */
    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  /** Stops everything the profile deployed and records an empty generation. */
  public DeployReport undeploy(DeployOptions options, boolean dryRun) throws IOException {
    Manifest now = current(options.profile());
    if (now.mappings().isEmpty()) {
      // Nothing runs: nothing to stop, and no generation worth recording.
      return new DeployReport(
          TransitionPlan.between(now, now), List.of(), Optional.empty(), false, 0);
    }
    Manifest next = new Manifest(options.profile(), Map.of(), List.of(), emptyProfiles(now));
    TransitionPlan plan = TransitionPlan.between(now, next);
    return dryRun
        ? new DeployReport(plan, List.of(), Optional.empty(), true, 0)
        : apply(plan, options, List.of(), -1, null);
  }

  private Map<String, TargetEntry> emptyProfiles(Manifest now) throws IOException {
    Map<String, TargetEntry> targets = new LinkedHashMap<>();
    Manifest none = new Manifest(now.profile(), Map.of(), List.of(), now.targets());
    for (TargetEntry t : now.targets().values()) {
      StorePath p = TargetProfiles.make(store, none, t.name(), List.of());
      targets.put(t.name(), t.withProfile(store.print(p)));
    }
    return targets;
  }

  /**
   * Brings back generation {@code number} of the coordinator profile (or the one before the current
   * when {@code number} is empty): its services, target profiles and generation.
   */
  public DeployReport switchGeneration(
      DeployOptions options, Optional<Integer> number, boolean dryRun) throws IOException {
    String name = coordinatorProfile(options.profile());
    List<Generation> gens = store.profiles().generations(name);
    int current =
        gens.stream()
            .filter(Generation::current)
            .mapToInt(Generation::number)
            .findFirst()
            .orElseThrow(
                () ->
                    new StoreException(
                        "profile '" + options.profile() + "' has no deployment yet"));
    Generation wanted =
        number.isPresent()
            ? gens.stream()
                .filter(g -> g.number() == number.get())
                .findFirst()
                .orElseThrow(
                    () ->
                        new StoreException(
                            "there is no generation "
                                + number.get()
                                + " of deployment '"
                                + options.profile()
                                + "'; see cairn deploy --list-generations"))
            : gens.stream()
                .filter(g -> g.number() < current)
                .reduce((a, b) -> b)
                .orElseThrow(
                    () ->
                        new StoreException(
                            "deployment '"
                                + options.profile()
                                + "' has no generation before "
                                + current));
    TransitionPlan plan = TransitionPlan.between(current(options.profile()), read(wanted.path()));
    return dryRun
        ? new DeployReport(plan, List.of(), Optional.empty(), true, 0)
        : apply(plan, options, List.of(), wanted.number(), null);
  }

  /** Returns the coordinator generations of {@code profile}. */
  public List<Generation> generations(String profile) throws IOException {
    return store.profiles().generations(coordinatorProfile(profile));
  }

  /** Deletes coordinator generations ({@code N}, {@code Nd}, {@code old}). */
  public List<Generation> deleteGenerations(String profile, List<String> specs) throws IOException {
    return store.profiles().deleteGenerations(coordinatorProfile(profile), specs);
  }

  /** Returns the manifest of the current deployment of {@code profile} (empty if none). */
  public Manifest current(String profile) throws IOException {
    Optional<Generation> g = store.profiles().current(coordinatorProfile(profile));
    return g.isPresent() ? read(g.get().path()) : Manifest.empty(profile);
  }

  private Manifest read(StorePath path) throws IOException {
    String json = Files.readString(store.layout().physical(path), StandardCharsets.UTF_8);
    return Manifest.fromJson(json, store.print(path));
  }

  /**
   * Carries out {@code plan}; {@code check}, if not null, has asked the targets of {@code
   * plan.from()} for their profiles, which lets a plan that changes nothing skip the sessions.
   */
  private DeployReport apply(
      TransitionPlan plan,
      DeployOptions options,
      List<String> builds,
      int switchTo,
      ProfileCheck check)
      throws IOException {
    stopIfCancelled();
    StorePath manifestPath = storeManifest(plan.to());
    if (switchTo < 0 && check != null && plan.from().equals(plan.to()) && check.allInPlace()) {
      // Nothing changed, and every target still has this deployment's profile (so its closure
      // too): no session, no lock, no transfer, and no new generation.
      try {
        return new DeployReport(
            plan, builds, Optional.of(record(options, manifestPath, -1)), false, 0);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    Map<String, TargetClient> clients = new LinkedHashMap<>();
    try {
      connectAll(plan, clients);
      stopIfCancelled();
      events.phase("distributing");
      long bytes =
          new Distributor(store, events)
              .distribute(plan.to(), clients, options.maxConcurrentTransfers());
      Transition transition = new Transition(clients, events);
      running = transition;
      stopIfCancelled();
      int[] generation = new int[1];
      transition.run(
          plan, options.lock(), () -> generation[0] = record(options, manifestPath, switchTo));
      return new DeployReport(plan, builds, Optional.of(generation[0]), false, bytes);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      running = null;
      for (TargetClient c : clients.values()) {
        try {
          c.close();
        } catch (IOException e) {
          events.note("warning: closing the session with target '" + c.target() + "': " + e);
        }
      }
    }
  }

  /**
   * Connects to every target of the plan at once (a remote agent takes a moment to start); if one
   * cannot be reached, nothing has been touched anywhere yet, and its error names it.
   */
  private void connectAll(TransitionPlan plan, Map<String, TargetClient> clients)
      throws IOException {
    events.phase("connecting");
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      Map<String, Future<TargetClient>> pending = new LinkedHashMap<>();
      for (String t : plan.targets()) {
        TargetEntry entry = plan.to().targets().getOrDefault(t, plan.from().targets().get(t));
        pending.put(t, pool.submit(() -> connector.connect(entry)));
      }
      IOException first = null;
      for (Map.Entry<String, Future<TargetClient>> e : pending.entrySet()) {
        try {
          clients.put(e.getKey(), e.getValue().get());
        } catch (ExecutionException ex) {
          if (first == null) {
            first =
                ex.getCause() instanceof IOException io
                    ? io
                    : new IOException("target '" + e.getKey() + "': " + ex.getCause(), ex);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while connecting to targets");
    } finally {
      pool.shutdown();
    }
  }

  private int record(DeployOptions options, StorePath manifest, int switchTo) {
    try {
      Profiles profiles = store.profiles();
      String name = coordinatorProfile(options.profile());
      return switchTo > 0
          ? profiles.switchGeneration(name, switchTo).number()
          : profiles.set(name, manifest).number();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private StorePath storeManifest(Manifest m) throws IOException {
    List<StorePath> refs = new ArrayList<>();
    for (ServiceEntry s : m.services().values()) {
      refs.add(store.parsePath(s.pkg()));
    }
    for (TargetEntry t : m.targets().values()) {
      if (t.profile() != null) {
        refs.add(store.parsePath(t.profile()));
      }
    }
    return store.addText("cairn-manifest-" + m.profile(), m.toJson(), refs);
  }

  static String coordinatorProfile(String profile) throws StoreException {
    return Profiles.checkName("coordinator-" + Profiles.checkName(profile));
  }
}
