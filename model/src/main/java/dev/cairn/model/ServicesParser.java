package dev.cairn.model;

import dev.cairn.store.StorePath;
import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlList;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import dev.cairn.store.yaml.YamlValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code services} section: each service's fixed keys, its package and attributes. */
final class ServicesParser {
  private final PackageSpecParser packages;

  ServicesParser(Catalog catalog) {
    this.packages = new PackageSpecParser(catalog);
  }

  /** A service and its package as written. */
  record Parsed(Service service, PackageSpec pkg) {}

  Map<String, Parsed> parse(YamlNode node) throws YamlException {
    YamlMap map = YamlValues.map(node, "'services' (service name -> service)");
    Map<String, Parsed> out = new LinkedHashMap<>();
    for (YamlMap.Entry entry : map.entries().values()) {
      out.put(entry.key(), service(entry));
    }
    return out;
  }

  private Parsed service(YamlMap.Entry entry) throws YamlException {
    String key = entry.key();
    checkName(key, entry.keyLocation());
    YamlMapReader r = YamlMapReader.of(entry.value(), "service '" + key + "'");
    Optional<String> name = r.optionalString("name");
    if (name.isPresent() && !name.get().equals(key)) {
      throw r.error(
          "name",
          "service '"
              + key
              + "' has name '"
              + name.get()
              + "'; a service's name must equal its key: rename one of them");
    }
    if (!r.has("type")) {
      throw new YamlException(
          entry.keyLocation(),
          "service '"
              + key
              + "' has no 'type'; add one, such as type: process (or wrapper, echo, fileset,"
              + " package, or an external module's name)");
    }
    String type = r.requiredString("type");
    if (!r.has("pkg")) {
      throw new YamlException(
          entry.keyLocation(),
          "service '" + key + "' has no 'pkg'; name a recipe or template, or write a recipe");
    }
    PackageSpec pkg = packages.parse(r.required("pkg"), r.what("pkg"), true);
    List<Dependency> dependsOn = dependencies(r, "dependsOn");
    List<Dependency> connectsTo = dependencies(r, "connectsTo");
    checkDistinctParams(dependsOn, connectsTo, r.description());
    Map<String, Object> attributes = attributes(r);
    Service service =
        new Service(
            key,
            type,
            dependsOn,
            connectsTo,
            dependencies(r, "activatesAfter"),
            r.bool("deployState", false),
            containers(r, attributes),
            uniqueIds(r),
            attributes,
            entry.keyLocation());
    return new Parsed(service, pkg);
  }

  private static void checkName(String name, SourceLocation at) throws YamlException {
    try {
      StorePath.checkName(name);
    } catch (IllegalArgumentException e) {
      throw new YamlException(
          at,
          "service name '"
              + name
              + "' cannot be used: "
              + e.getMessage()
              + " (names become store path names)");
    }
  }

  /** A list of service names, or a map parameter name -> service name. */
  private static List<Dependency> dependencies(YamlMapReader r, String key) throws YamlException {
    Optional<YamlNode> node = r.optional(key);
    List<Dependency> out = new ArrayList<>();
    if (node.isEmpty() || node.get() instanceof YamlScalar s && s.kind() == YamlScalar.Kind.NULL) {
      return out;
    }
    String what = r.what(key);
    if (node.get() instanceof YamlList list) {
      for (YamlNode item : list.items()) {
        String service = YamlValues.string(item, "each of " + what);
        out.add(new Dependency(nonEmpty(service, item, what), service, item.location()));
      }
    } else if (node.get() instanceof YamlMap map) {
      for (YamlMap.Entry e : map.entries().values()) {
        String service = YamlValues.string(e.value(), "'" + e.key() + "' of " + what);
        out.add(
            new Dependency(
                nonEmpty(e.key(), e.value(), what),
                nonEmpty(service, e.value(), what),
                e.value().location()));
      }
    } else {
      throw YamlValues.wrongType(
          node.get(), what, "a list of service names or a map {parameter: service name}");
    }
    Map<String, Dependency> seen = new HashMap<>();
    for (Dependency d : out) {
      Dependency earlier = seen.putIfAbsent(d.paramName(), d);
      if (earlier != null) {
        throw new YamlException(
            d.location(),
            what + " lists '" + d.paramName() + "' twice (first at " + earlier.location() + ")");
      }
    }
    return out;
  }

  private static String nonEmpty(String s, YamlNode at, String what) throws YamlException {
    if (s.isEmpty()) {
      throw new YamlException(at.location(), what + " holds an empty name");
    }
    return s;
  }

  private static void checkDistinctParams(
      List<Dependency> dependsOn, List<Dependency> connectsTo, String service)
      throws YamlException {
    for (Dependency c : connectsTo) {
      for (Dependency d : dependsOn) {
        if (c.paramName().equals(d.paramName())) {
          throw new YamlException(
              c.location(),
              "parameter '"
                  + c.paramName()
                  + "' of "
                  + service
                  + " is both in dependsOn (at "
                  + d.location()
                  + ") and connectsTo; keep one, or give them different names in the map form");
        }
      }
    }
  }

  private static Map<String, Object> attributes(YamlMapReader r) throws YamlException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (YamlMap.Entry e : r.map().entries().values()) {
      if (!Service.KEYS.contains(e.key())) {
        out.put(e.key(), Values.of(e.value(), "attribute '" + e.key() + "' of " + r.description()));
      }
    }
    return out;
  }

  private static Map<String, Map<String, Object>> containers(
      YamlMapReader r, Map<String, Object> attributes) throws YamlException {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (r.has("providesContainer") && r.has("providesContainers")) {
      throw r.error(
          "providesContainer",
          r.description()
              + " has both providesContainer and providesContainers; use providesContainers"
              + " for several");
    }
    if (r.has("providesContainer")) {
      String name = r.requiredString("providesContainer");
      if (name.isEmpty()) {
        throw r.error("providesContainer", r.what("providesContainer") + " cannot be empty");
      }
      out.put(name, attributes);
    }
    if (r.has("providesContainers")) {
      YamlMap map = YamlValues.map(r.required("providesContainers"), r.what("providesContainers"));
      for (YamlMap.Entry e : map.entries().values()) {
        out.put(
            e.key(),
            Values.mapOrEmpty(e.value(), "container '" + e.key() + "' of " + r.description()));
      }
    }
    return out;
  }

  private static List<String> uniqueIds(YamlMapReader r) throws YamlException {
    List<String> kinds = r.stringList("requiresUniqueIdsFor");
    for (int i = 0; i < kinds.size(); i++) {
      if (!Service.ID_KINDS.contains(kinds.get(i))) {
        YamlNode item = ((YamlList) r.required("requiresUniqueIdsFor")).items().get(i);
        throw new YamlException(
            item.location(),
            r.what("requiresUniqueIdsFor")
                + " lists '"
                + kinds.get(i)
                + "'; allowed: ports, uids, gids");
      }
    }
    return kinds;
  }
}
