package dev.cairn.process;

import dev.cairn.process.ProcessSpec.Condition;
import dev.cairn.process.ProcessSpec.Dependency;
import dev.cairn.process.ProcessesFile.Declaration;
import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import dev.cairn.store.yaml.YamlValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns declarations into checked instances: resolves typed parameters, calls constructors,
 * substitutes placeholders, then checks dependencies and clashes before anything starts.
 */
final class Instantiator {
  /** Where a process's generated files end up; replaced once they are in the store. */
  static final String FILES_MARKER = "@cairn-files@";

  private final ProcessesFile file;
  private final GlobalParams global;
  private final IdAssignments ids;
  private final Map<String, Declaration> byName = new LinkedHashMap<>();

  Instantiator(ProcessesFile file, GlobalParams global, IdAssignments ids) {
    this.file = file;
    this.global = global;
    this.ids = ids;
    file.declarations().forEach(d -> byName.put(d.name(), d));
  }

  ProcessesModel run() throws IOException {
    Map<String, Map<String, Object>> params = new LinkedHashMap<>();
    for (Declaration d : file.declarations()) {
      params.put(d.name(), resolveParams(d));
    }
    Map<String, Instance> instances = new LinkedHashMap<>();
    for (Declaration d : file.declarations()) {
      instances.put(d.name(), instantiate(d, params));
    }
    checkDependencies(instances);
    new ClashCheck().check(instances.values());
    return new ProcessesModel(global, order(instances));
  }

  private Map<String, String> baseVariables(Declaration d) throws ProcessException {
    Map<String, String> vars = new HashMap<>(Catalog.variables());
    Substitution.addAll(vars, "global", global.variables());
    vars.put("instanceName", d.name());
    vars.putAll(ids.variablesOf(d.name()));
    for (String kind : d.requiresUniqueIdsFor()) {
      if (!vars.containsKey("ids." + kind)) {
        throw new ProcessException(
            "instance '"
                + d.name()
                + "' ("
                + d.location()
                + ") requires a unique ID for '"
                + kind
                + "' but none is assigned; run 'cairn proc ids "
                + file.file()
                + "' first");
      }
    }
    return vars;
  }

  private Map<String, Object> resolveParams(Declaration d) throws IOException {
    Constructor c = file.constructors().get(d.constructor());
    Map<String, Object> out = new LinkedHashMap<>();
    if (c.params() == null) {
      return out;
    }
    String what = "instance '" + d.name() + "' of constructor '" + c.name() + "'";
    YamlMapReader r = YamlMapReader.of(d.params(), "'params' of " + what);
    r.allowOnly(c.params().stream().map(ParamSpec::name).toList());
    Substitution vars = new Substitution(baseVariables(d));
    for (ParamSpec p : c.params()) {
      YamlNode node = r.optional(p.name()).orElse(p.defaultValue());
      if (node == null) {
        throw new YamlException(
            d.location(),
            what
                + " is missing the parameter '"
                + p.name()
                + "' ("
                + p.type().name().toLowerCase()
                + "); add it under 'params'");
      }
      out.put(p.name(), convert(p, vars.apply(node), "parameter '" + p.name() + "' of " + what));
    }
    return out;
  }

  private Object convert(ParamSpec p, YamlNode node, String what) throws YamlException {
    return switch (p.type()) {
      case STRING -> YamlValues.string(node, what);
      case INT -> DescriptionParser.integer(node, what);
      case BOOL ->
          node instanceof YamlScalar s && s.text().matches("true|false")
              ? Boolean.valueOf(s.text())
              : YamlValues.bool(node, what);
      case INSTANCE -> instanceName(node, what);
      case INSTANCES -> {
        List<String> names = new ArrayList<>();
        for (YamlNode item : YamlValues.list(node, what).items()) {
          names.add(instanceName(item, what));
        }
        yield List.copyOf(names);
      }
    };
  }

  private String instanceName(YamlNode node, String what) throws YamlException {
    String name = YamlValues.string(node, what);
    if (!byName.containsKey(name)) {
      throw new YamlException(
          node.location(),
          what
              + " names instance '"
              + name
              + "', which the model does not declare; known: "
              + String.join(", ", byName.keySet()));
    }
    return name;
  }

  private Instance instantiate(Declaration d, Map<String, Map<String, Object>> params)
      throws IOException {
    Constructor c = file.constructors().get(d.constructor());
    Map<String, Object> mine = params.get(d.name());
    Instantiation in = new Instantiation(d.name(), d.location(), mine, d.params(), global, params);
    YamlMap description = c.describe(in);
    if (d.overrides() != null) {
      Map<String, YamlMap.Entry> entries = new LinkedHashMap<>(description.entries());
      entries.put("overrides", new YamlMap.Entry("overrides", d.location(), d.overrides()));
      description = new YamlMap(description.location(), entries);
    }
    Map<String, String> vars = baseVariables(d);
    mine.forEach(
        (k, v) ->
            vars.put(
                "params." + k,
                v instanceof List<?> l
                    ? String.join(",", l.stream().map(String::valueOf).toList())
                    : String.valueOf(v)));
    vars.put("files", FILES_MARKER);
    YamlMap substituted = (YamlMap) new Substitution(vars).apply(description);
    ProcessSpec spec = DescriptionParser.parse(d.name(), substituted, global.processManager());
    return new Instance(withImpliedDependencies(spec, c, mine), d.location());
  }

  /** Instances passed as parameters are dependencies (the seeds' semantics). */
  private static ProcessSpec withImpliedDependencies(
      ProcessSpec spec, Constructor c, Map<String, Object> params) {
    if (c.params() == null) {
      return spec;
    }
    Set<String> names = new LinkedHashSet<>();
    spec.dependencies().forEach(dep -> names.add(dep.name()));
    List<Dependency> deps = new ArrayList<>(spec.dependencies());
    for (ParamSpec p : c.params()) {
      Object v = params.get(p.name());
      List<?> refs =
          p.type() == ParamSpec.Type.INSTANCE
              ? List.of(v)
              : p.type() == ParamSpec.Type.INSTANCES ? (List<?>) v : List.of();
      for (Object ref : refs) {
        if (names.add(ref.toString())) {
          deps.add(new Dependency(ref.toString(), Condition.HEALTHY));
        }
      }
    }
    return spec.withDependencies(deps);
  }

  private void checkDependencies(Map<String, Instance> instances) throws YamlException {
    for (Instance i : instances.values()) {
      for (Dependency dep : i.spec().dependencies()) {
        if (!instances.containsKey(dep.name())) {
          throw new YamlException(
              i.location(),
              "instance '"
                  + i.name()
                  + "' depends on '"
                  + dep.name()
                  + "', which the model does not declare; known: "
                  + String.join(", ", instances.keySet()));
        }
      }
    }
  }

  /** Dependencies first, otherwise in document order; a cycle is an error naming it. */
  private static List<Instance> order(Map<String, Instance> instances) throws YamlException {
    List<Instance> out = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    for (Instance i : instances.values()) {
      visit(i, instances, done, new ArrayList<>(), out);
    }
    return out;
  }

  private static void visit(
      Instance i,
      Map<String, Instance> all,
      Set<String> done,
      List<String> path,
      List<Instance> out)
      throws YamlException {
    if (done.contains(i.name())) {
      return;
    }
    if (path.contains(i.name())) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(i.name()), path.size()));
      cycle.add(i.name());
      SourceLocation at = i.location();
      throw new YamlException(
          at, "dependency cycle: " + String.join(" -> ", cycle) + "; break one of these links");
    }
    path.add(i.name());
    for (Dependency dep : i.spec().dependencies()) {
      visit(all.get(dep.name()), all, done, path, out);
    }
    path.remove(path.size() - 1);
    done.add(i.name());
    out.add(i);
  }
}
