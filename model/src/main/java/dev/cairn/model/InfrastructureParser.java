package dev.cairn.model;

import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlValues;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the infrastructure model: a map of targets, each with Disnix's fixed keys. */
final class InfrastructureParser {
  private InfrastructureParser() {}

  /**
   * @param topLevel whether the map is a whole file, which may carry a {@code $schema} key for
   *     editors
   */
  static Infrastructure parse(YamlNode node, Path file, boolean topLevel) throws YamlException {
    YamlMap map = YamlValues.map(node, "the infrastructure model (target name -> target)");
    Map<String, Target> targets = new LinkedHashMap<>();
    for (YamlMap.Entry entry : map.entries().values()) {
      if (topLevel && entry.key().equals(ModelLoader.SCHEMA_KEY)) {
        continue;
      }
      targets.put(entry.key(), target(entry));
    }
    return new Infrastructure(targets, file);
  }

  private static Target target(YamlMap.Entry entry) throws YamlException {
    String name = entry.key();
    if (name.isEmpty()) {
      throw new YamlException(entry.keyLocation(), "a target name cannot be empty");
    }
    String what = "target '" + name + "'";
    YamlMapReader r = YamlMapReader.of(entry.value(), what);
    r.allowOnly(Target.KEYS);
    Map<String, Object> properties =
        r.has("properties")
            ? Values.mapOrEmpty(r.required("properties"), r.what("properties"))
            : Map.of();
    Map<String, Map<String, Object>> containers = containers(r);
    int cores = r.optionalInt("numOfCores").orElse(1);
    if (cores < 1) {
      throw r.error("numOfCores", r.what("numOfCores") + " must be at least 1, got " + cores);
    }
    return new Target(
        name,
        properties,
        containers,
        r.optionalString("system"),
        cores,
        r.optionalString("clientInterface"),
        r.optionalString("targetProperty"),
        entry.keyLocation());
  }

  private static Map<String, Map<String, Object>> containers(YamlMapReader r) throws YamlException {
    Optional<YamlNode> node = r.optional("containers");
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (node.isEmpty()) {
      return out;
    }
    YamlMap map = YamlValues.map(node.get(), r.what("containers") + " (name -> properties)");
    for (YamlMap.Entry c : map.entries().values()) {
      out.put(
          c.key(),
          Values.mapOrEmpty(c.value(), "container '" + c.key() + "' of " + r.description()));
    }
    return out;
  }
}
