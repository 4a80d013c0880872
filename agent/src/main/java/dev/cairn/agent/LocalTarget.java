package dev.cairn.agent;

import dev.cairn.activation.ActivationException;
import dev.cairn.activation.ActivationRequest;
import dev.cairn.activation.Activator;
import dev.cairn.activation.Activity;
import dev.cairn.activation.Container;
import dev.cairn.store.GcOptions;
import dev.cairn.store.GcReport;
import dev.cairn.store.LocalStore;
import dev.cairn.store.Profiles;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * A target served in-process: this machine, with the coordinator's own store (so nothing needs
 * copying). Its activation state — PID files, logs, snapshots — and its deployment locks live under
 * {@code <root>/targets/<name>/}, and its profile is the store profile {@code
 * target-<name>-<profile>}, so several local targets can share one machine.
 */
public final class LocalTarget implements TargetClient {
  private final String name;
  private final LocalStore store;
  private final Activator activator;
  private final Path dir;
  private final Duration timeout;
  private final Map<String, DeployLock> locks = new TreeMap<>();

  /** The target {@code name} on this machine. */
  public LocalTarget(String name, LocalStore store, Activator activator, Duration timeout) {
    this.name = name;
    this.store = store;
    this.activator = activator;
    this.dir = store.layout().root().resolve("targets").resolve(name);
    this.timeout = timeout;
  }

  @Override
  public String target() {
    return name;
  }

  /** Returns where this target keeps its activation state. */
  public Path stateDir() {
    return dir.resolve("state");
  }

  @Override
  public synchronized void lock(String profile, List<MappingActivation> installed)
      throws IOException {
    DeployLock held = DeployLock.take(name, dir.resolve("locks"), profile);
    List<MappingActivation> locked = new ArrayList<>();
    try {
      for (MappingActivation m : installed) {
        run(Activity.LOCK, m);
        locked.add(m);
      }
    } catch (IOException e) {
      unlockServices(locked);
      held.close();
      if (e instanceof TargetException) {
        throw new LockRefusedException(name, e.getMessage().replaceFirst("^target '[^']*': ", ""));
      }
      throw e;
    }
    locks.put(profile, held);
  }

  @Override
  public synchronized void unlock(String profile, List<MappingActivation> installed)
      throws IOException {
    try {
      unlockServices(installed);
    } finally {
      DeployLock held = locks.remove(profile);
      if (held != null) {
        held.close();
      }
    }
  }

  private void unlockServices(List<MappingActivation> mappings) {
    for (MappingActivation m : mappings) {
      try {
        run(Activity.UNLOCK, m);
      } catch (IOException ignored) {
        // Unlocking is best effort: the deployment lock goes regardless.
      }
    }
  }

  @Override
  public void activate(MappingActivation mapping) throws IOException {
    run(Activity.ACTIVATE, mapping);
  }

  @Override
  public void deactivate(MappingActivation mapping) throws IOException {
    run(Activity.DEACTIVATE, mapping);
  }

  private void run(Activity activity, MappingActivation m) throws IOException {
    ActivationRequest request =
        new ActivationRequest(
            activity,
            m.type(),
            store.layout().physical(store.parsePath(m.component().toString())),
            new Container(m.container(), m.containerProperties()),
            stateKey(m),
            environment(m),
            stateDir(),
            timeout);
    try {
      activator.run(request);
    } catch (ActivationException e) {
      throw new TargetException(
          name,
          activity.name().toLowerCase(java.util.Locale.ROOT)
              + " of '"
              + m.service()
              + "' failed: "
              + e.getMessage(),
          e.logFile(),
          e.logTail(),
          e);
    }
  }

  /** The name PID files and logs are kept under: the service, and its container if unusual. */
  private static String stateKey(MappingActivation m) {
    return m.container().equals(m.type()) ? m.service() : m.service() + "@" + m.container();
  }

  /** The service's attributes, as environment variables (names made shell-safe). */
  private static Map<String, String> environment(MappingActivation m) {
    Map<String, String> env = new TreeMap<>();
    m.attributes().forEach((k, v) -> env.put(shellName(k), v));
    env.put("CAIRN_SERVICE", m.service());
    return env;
  }

  private static String shellName(String key) {
    String s = key.replaceAll("[^A-Za-z0-9_]", "_");
    return Character.isDigit(s.charAt(0)) ? "_" + s : s;
  }

  @Override
  public void setProfile(String profile, StorePath path) throws IOException {
    store.profiles().set(profileName(profile), path);
  }

  @Override
  public Optional<StorePath> queryProfile(String profile) throws IOException {
    return store.profiles().current(profileName(profile)).map(g -> g.path());
  }

  private String profileName(String profile) throws IOException {
    return profileName(name, profile);
  }

  /** The store profile that holds deployment {@code profile} on target {@code target}. */
  public static String profileName(String target, String profile) throws IOException {
    return Profiles.checkName("target-" + target + "-" + profile);
  }

  @Override
  public Set<StorePath> queryMissing(Collection<StorePath> paths) throws IOException {
    return store.missing(paths);
  }

  /**
   * Nothing to copy when {@code source} is this target's own store, as it is for the coordinator.
   */
  @Override
  public long importClosure(LocalStore source, Collection<StorePath> paths, LongConsumer progress)
      throws IOException {
    if (source != store) {
      throw new TargetException(
          name, "a local target only deploys from the store it shares with the coordinator");
    }
    Set<StorePath> missing = queryMissing(paths);
    if (!missing.isEmpty()) {
      throw new TargetException(
          name, "cannot copy " + store.print(missing.iterator().next()) + ": it is not valid here");
    }
    return 0;
  }

  /** Only this target's profiles lose old generations: the coordinator's may share the store. */
  @Override
  public GcReport collectGarbage(boolean deleteOld) throws IOException {
    if (deleteOld) {
      String prefix = "target-" + name + "-";
      for (String profile : store.profiles().names()) {
        if (profile.startsWith(prefix)) {
          store.profiles().deleteGenerations(profile, List.of("old"));
        }
      }
    }
    return store.collectGarbage(GcOptions.all());
  }

  /** Reads the configuration under this store's root. */
  @Override
  public TargetConfig captureConfig() throws IOException {
    return TargetConfig.read(store.layout().root());
  }

  @Override
  public synchronized void close() throws IOException {
    for (DeployLock l : locks.values()) {
      l.close();
    }
    locks.clear();
  }
}
