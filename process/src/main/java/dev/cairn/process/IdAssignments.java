package dev.cairn.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Unique numeric IDs (ports, uids, gids) assigned to instances, persisted as JSON beside the model
 * ({@code ids.json}) so they stay stable across runs: an existing assignment survives any change to
 * other instances, an instance that no longer requires an ID frees it, and new instances take the
 * lowest free IDs of the pool, in name order.
 *
 * @param assignments by kind ({@code ports}, {@code uids}, {@code gids}), then instance name
 */
public record IdAssignments(Map<String, Map<String, Integer>> assignments) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Copies into sorted maps. */
  public IdAssignments {
    Map<String, Map<String, Integer>> copy = new TreeMap<>();
    assignments.forEach(
        (k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new TreeMap<>(v))));
    assignments = java.util.Collections.unmodifiableMap(copy);
  }

  /** No assignments. */
  public static IdAssignments none() {
    return new IdAssignments(Map.of());
  }

  /** The ids file of a model: {@code ids.json} beside it. */
  public static Path fileFor(Path model) {
    Path parent = model.toAbsolutePath().getParent();
    return parent.resolve("ids.json");
  }

  /** Reads {@code file}, or no assignments if it does not exist. */
  public static IdAssignments load(Path file) throws ProcessException {
    if (!Files.exists(file)) {
      return none();
    }
    try {
      return new IdAssignments(JSON.readValue(file.toFile(), new TypeReference<>() {}));
    } catch (IOException e) {
      throw new ProcessException(
          "cannot read the ids file '" + file + "': " + e.getMessage() + "; fix or delete it", e);
    }
  }

  /** Writes atomically. */
  public void save(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, JSON.writeValueAsBytes(assignments));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The IDs of one instance, as {@code ids.X} variables. */
  Map<String, String> variablesOf(String instance) {
    Map<String, String> vars = new TreeMap<>();
    assignments.forEach(
        (kind, byName) -> {
          Integer id = byName.get(instance);
          if (id != null) {
            vars.put("ids." + kind, id.toString());
          }
        });
    return vars;
  }

  /**
   * The assignments for {@code model}: kept where still required, freed where not, new ones from
   * the pools.
   *
   * @throws ProcessException if a pool has too few free IDs, naming the pool and the instances
   */
  public IdAssignments assign(ProcessesFile model) throws ProcessException {
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    for (String kind : new java.util.TreeSet<>(ProcessesFile.ID_KINDS)) {
      List<String> wanting = new ArrayList<>();
      model
          .idRequirements()
          .forEach(
              (name, kinds) -> {
                if (kinds.contains(kind)) {
                  wanting.add(name);
                }
              });
      wanting.sort(null);
      Map<String, Integer> old = assignments.getOrDefault(kind, Map.of());
      IdPool pool = model.pools().get(kind);
      Map<String, Integer> now = new TreeMap<>();
      Set<Integer> used = new HashSet<>();
      for (String name : wanting) {
        Integer id = old.get(name);
        if (id != null && id >= pool.min() && id <= pool.max() && used.add(id)) {
          now.put(name, id);
        }
      }
      int next = pool.min();
      for (String name : wanting) {
        if (now.containsKey(name)) {
          continue;
        }
        while (next <= pool.max() && used.contains(next)) {
          next++;
        }
        if (next > pool.max()) {
          throw new ProcessException(
              "the ID pool '"
                  + kind
                  + "' ("
                  + pool.min()
                  + "–"
                  + pool.max()
                  + ", "
                  + pool.size()
                  + " IDs) is exhausted: "
                  + wanting.size()
                  + " instances require one ("
                  + String.join(", ", wanting)
                  + "); widen idPools."
                  + kind
                  + " in '"
                  + model.file()
                  + "' or remove '"
                  + kind
                  + "' from some requiresUniqueIdsFor");
        }
        used.add(next);
        now.put(name, next);
      }
      if (!now.isEmpty()) {
        out.put(kind, now);
      }
    }
    return new IdAssignments(out);
  }
}
