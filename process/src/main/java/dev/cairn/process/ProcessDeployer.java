package dev.cairn.process;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.store.Generation;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deploys processes models with a process manager: generates each process's files and the manager's
 * configuration into the store, records the result as a profile generation, and switches the
 * running processes from the previous generation to it (or back to an earlier one).
 */
public final class ProcessDeployer {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final LocalStore store;
  private final String profile;

  /** For the profile {@code profile} of {@code store}. */
  public ProcessDeployer(LocalStore store, String profile) {
    this.store = store;
    this.profile = profile;
  }

  /**
   * The outcome of a switch.
   *
   * @param plan what was (or, in a dry run, would be) stopped and started
   * @param statuses the processes afterwards (empty in a dry run)
   * @param generation the generation switched to (empty in a dry run)
   */
  public record Result(Plan plan, List<ProcessStatus> statuses, Optional<Generation> generation) {}

  /** The current generation's document, if any. */
  public Optional<ProfileDocument> current() throws IOException {
    Optional<Generation> g = store.profiles().current(profile);
    return g.isEmpty() ? Optional.empty() : Optional.of(read(g.get().path()));
  }

  /** The profile's generations. */
  public List<Generation> generations() throws IOException {
    return store.profiles().generations(profile);
  }

  private ProfileDocument read(StorePath path) throws IOException {
    return JSON.readValue(store.layout().physical(path).toFile(), ProfileDocument.class);
  }

  /**
   * Generates {@code model} into the store and switches to it (or only plans, if {@code dryRun}).
   */
  public Result switchTo(ProcessesModel model, boolean dryRun, long timeoutMillis)
      throws IOException {
    StorePath path = build(model);
    ProfileDocument next = read(path);
    Optional<ProfileDocument> old = current();
    Plan plan = Plan.between(old, next);
    if (dryRun) {
      return new Result(plan, List.of(), Optional.empty());
    }
    Generation g = store.profiles().set(profile, path);
    return new Result(plan, apply(old, next, plan, timeoutMillis), Optional.of(g));
  }

  /** Switches to the previous generation ({@code number} null) or to generation {@code number}. */
  public Result switchGeneration(Integer number, long timeoutMillis) throws IOException {
    Optional<ProfileDocument> old = current();
    Generation g =
        number == null
            ? store.profiles().rollback(profile)
            : store.profiles().switchGeneration(profile, number);
    ProfileDocument next = read(g.path());
    Plan plan = Plan.between(old, next);
    return new Result(plan, apply(old, next, plan, timeoutMillis), Optional.of(g));
  }

  /** Stops everything: a new generation with no processes. */
  public Result undeploy(long timeoutMillis) throws IOException {
    Optional<ProfileDocument> old = current();
    if (old.isEmpty()) {
      throw new ProcessException(
          "profile '" + profile + "' has no generation; nothing to undeploy");
    }
    ProfileDocument next = old.get().empty();
    StorePath path =
        store.addText("cairn-processes.json", JSON.writeValueAsString(next), List.of());
    Plan plan = Plan.between(old, next);
    Generation g = store.profiles().set(profile, path);
    return new Result(plan, apply(old, next, plan, timeoutMillis), Optional.of(g));
  }

  /** {@code status}, or {@code start}/{@code stop}/{@code restart} of one process. */
  public List<ProcessStatus> control(String op, String name, long timeoutMillis)
      throws IOException {
    ProfileDocument doc =
        current()
            .orElseThrow(
                () ->
                    new ProcessException(
                        "profile '"
                            + profile
                            + "' has no generation; run 'cairn proc switch' first"));
    return Backend.of(doc.processManager()).control(doc, op, name, timeoutMillis);
  }

  private List<ProcessStatus> apply(
      Optional<ProfileDocument> old, ProfileDocument next, Plan plan, long timeoutMillis)
      throws IOException {
    GlobalParams g = next.global();
    for (Path dir :
        List.of(
            g.stateDir(),
            g.runtimeDir(),
            g.logDir(),
            g.cacheDir(),
            g.libDir(),
            g.tmpDir(),
            g.cairnDir())) {
      Files.createDirectories(dir);
    }
    if (!g.unprivileged()) {
      for (String name : plan.start()) {
        Users.create(next.process(name));
      }
    }
    Backend backend = Backend.of(next.processManager());
    List<ProcessStatus> statuses;
    if (old.isPresent() && !old.get().processManager().equals(next.processManager())) {
      ProfileDocument previous = old.get();
      Backend.of(previous.processManager())
          .apply(old, previous.empty(), Plan.between(old, previous.empty()), timeoutMillis);
      statuses = backend.apply(Optional.empty(), next, plan, timeoutMillis);
    } else {
      statuses = backend.apply(old, next, plan, timeoutMillis);
    }
    if (old.isPresent() && !old.get().global().unprivileged()) {
      for (ProcessSpec p : old.get().processes()) {
        if (next.process(p.name()) == null) {
          Users.remove(p);
        }
      }
    }
    return statuses;
  }

  /**
   * Adds each process's files, the manager's configuration and the profile document to the store.
   */
  StorePath build(ProcessesModel model) throws IOException {
    List<ProcessSpec> specs = new ArrayList<>();
    List<StorePath> refs = new ArrayList<>();
    String webapp = null;
    for (ProcessSpec declared : model.specs()) {
      boolean runsWebapp = !Specs.replacing(declared, Catalog.WEBAPP_CLASSES, "").equals(declared);
      if (runsWebapp && webapp == null) {
        StorePath classes = addDirectory("cairn-webapp-classes", Catalog::writeWebappClasses);
        refs.add(classes);
        webapp = store.layout().physical(classes).toString();
      }
      ProcessSpec spec =
          runsWebapp ? Specs.replacing(declared, Catalog.WEBAPP_CLASSES, webapp) : declared;
      String files = "";
      if (!spec.files().isEmpty()) {
        StorePath p =
            addDirectory(
                "cairn-files-" + spec.name(),
                dir -> {
                  for (var f : spec.files().entrySet()) {
                    Files.writeString(dir.resolve(f.getKey()), f.getValue());
                  }
                });
        refs.add(p);
        files = store.layout().physical(p).toString();
      }
      specs.add(Specs.replacing(spec, Instantiator.FILES_MARKER, files));
    }
    GlobalParams g = model.global();
    Backend backend = Backend.of(g.processManager());
    StorePath config =
        addDirectory(
            "cairn-" + g.processManager() + "-config", dir -> backend.generate(g, specs, dir));
    refs.add(config);
    ProfileDocument doc =
        new ProfileDocument(
            g.processManager(), g, store.layout().physical(config).toString(), specs);
    return store.addText("cairn-processes.json", JSON.writeValueAsString(doc), refs);
  }

  private interface DirectoryWriter {
    void write(Path dir) throws IOException;
  }

  private StorePath addDirectory(String name, DirectoryWriter writer) throws IOException {
    Path scratch = store.newScratchDir("proc");
    try {
      Path dir = Files.createDirectories(scratch.resolve(name));
      writer.write(dir);
      return store.addPath(dir, name);
    } finally {
      deleteTree(scratch);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.deleteIfExists(p);
      }
    }
  }
}
