package dev.cairn.process;

import dev.cairn.store.StoreException;
import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A processes model file as written: global parameters, constructors and instances (constructor,
 * parameters, ID requirements). {@link #instantiate} turns it into a {@link ProcessesModel} once
 * the global parameters and ID assignments are known.
 */
public final class ProcessesFile {
  static final Set<String> ID_KINDS = Set.of("ports", "uids", "gids");

  /** The top-level keys. */
  static final List<String> KEYS = List.of("global", "constructors", "instances", "idPools");

  /** The keys of {@code global}. */
  static final List<String> GLOBAL_KEYS =
      List.of(
          "stateDir",
          "runtimeDir",
          "logDir",
          "cacheDir",
          "libDir",
          "tmpDir",
          "forceDisableUserChange",
          "processManager");

  /** The keys of an instance. */
  static final List<String> INSTANCE_KEYS =
      List.of("constructor", "params", "overrides", "requiresUniqueIdsFor");

  private final Path file;
  private final Map<String, String> global;
  private final Map<String, Constructor> constructors;
  private final List<Declaration> instances;
  private final Map<String, IdPool> pools;

  /** One instance as declared. */
  record Declaration(
      String name,
      SourceLocation location,
      String constructor,
      SourceLocation constructorLocation,
      YamlMap params,
      YamlMap overrides,
      List<String> requiresUniqueIdsFor) {}

  private ProcessesFile(
      Path file,
      Map<String, String> global,
      Map<String, Constructor> constructors,
      List<Declaration> instances,
      Map<String, IdPool> pools) {
    this.file = file;
    this.global = Map.copyOf(global);
    this.constructors = Map.copyOf(constructors);
    this.instances = List.copyOf(instances);
    this.pools = Map.copyOf(pools);
  }

  /**
   * Reads and checks the structure of a processes model.
   *
   * @throws YamlException at {@code file:line:column} for a malformed model
   * @throws StoreException if the file cannot be read
   */
  public static ProcessesFile read(Path file) throws StoreException {
    YamlMapReader r =
        YamlMapReader.of(YamlReader.read(file), "processes model '" + file + "'").allowOnly(KEYS);
    Map<String, String> global = r.stringMap("global");
    YamlMapReader gr = YamlMapReader.of(r.optional("global").orElse(r.map()), "'global'");
    if (r.has("global")) {
      gr.allowOnly(GLOBAL_KEYS);
    }
    Map<String, Constructor> constructors = new LinkedHashMap<>(Catalog.builtins());
    var declared = r.optionalMap("constructors", "'constructors'");
    if (declared.isPresent()) {
      for (YamlMap.Entry e : declared.get().map().entries().values()) {
        constructors.put(e.key(), TemplateConstructor.parse(e.key(), e.value()));
      }
    }
    List<Declaration> instances = new ArrayList<>();
    for (YamlMap.Entry e : r.requiredMap("instances", "'instances'").map().entries().values()) {
      instances.add(declaration(e, constructors));
    }
    return new ProcessesFile(file, global, constructors, instances, IdPool.parse(r));
  }

  private static Declaration declaration(YamlMap.Entry e, Map<String, Constructor> constructors)
      throws YamlException {
    String name = e.key();
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new YamlException(
          e.keyLocation(),
          "instance name '" + name + "' must be letters, digits, '.', '_' or '-' (at most 64)");
    }
    YamlMapReader r =
        YamlMapReader.of(e.value(), "instance '" + name + "'").allowOnly(INSTANCE_KEYS);
    String constructor = r.optionalString("constructor").orElse("process");
    if (!constructors.containsKey(constructor)) {
      String hint =
          dev.cairn.store.yaml.Suggestions.closest(constructor, constructors.keySet())
              .map(s -> "; did you mean '" + s + "'?")
              .orElse(";");
      throw r.error(
          "constructor",
          "constructor '"
              + constructor
              + "' of instance '"
              + name
              + "' is unknown"
              + hint
              + " known: "
              + String.join(", ", constructors.keySet()));
    }
    List<String> ids = r.stringList("requiresUniqueIdsFor");
    for (String kind : ids) {
      if (!ID_KINDS.contains(kind)) {
        throw r.error(
            "requiresUniqueIdsFor", "unknown ID kind '" + kind + "'; use ports, uids or gids");
      }
    }
    YamlMap params =
        r.has("params")
            ? r.requiredMap("params", r.what("params")).map()
            : new YamlMap(r.location(), Map.of());
    YamlMap overrides = r.has("overrides") ? r.requiredMap("overrides", "overrides").map() : null;
    return new Declaration(
        name, e.keyLocation(), constructor, r.keyLocation("constructor"), params, overrides, ids);
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** Global parameters the model sets explicitly. */
  public Map<String, String> global() {
    return global;
  }

  /** The ID kinds each instance requires, by instance name in document order. */
  public Map<String, List<String>> idRequirements() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    instances.forEach(d -> m.put(d.name(), d.requiresUniqueIdsFor()));
    return m;
  }

  /** The ID pools, by kind. */
  public Map<String, IdPool> pools() {
    return pools;
  }

  List<Declaration> declarations() {
    return instances;
  }

  Map<String, Constructor> constructors() {
    return constructors;
  }

  /**
   * Instantiates every constructor and checks the result: unknown dependencies, cycles and clashing
   * resources (ports, PID files) are errors naming both instances.
   *
   * @throws ProcessException if an instance needs IDs that were not assigned
   * @throws YamlException at the offending value
   */
  public ProcessesModel instantiate(GlobalParams params, IdAssignments ids) throws IOException {
    return new Instantiator(this, params, ids).run();
  }
}
