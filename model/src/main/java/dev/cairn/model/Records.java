package dev.cairn.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values expressions see for services and targets, shaped as Disnix's inter-dependency
 * parameters: a dependency's attributes plus {@code name}, {@code type}, {@code targets} (one
 * record per mapping), {@code target} (the first) and {@code container} (the first mapping's
 * container properties).
 */
final class Records {
  private Records() {}

  /** {@code self}: the service's attributes, with {@code name} and {@code type}. */
  static Map<String, Object> self(Service s) {
    Map<String, Object> out = new LinkedHashMap<>(s.attributes());
    out.put("name", s.name());
    out.put("type", s.type());
    return Collections.unmodifiableMap(out);
  }

  /** One entry of {@code deps}. */
  static Map<String, Object> dependency(Service s, List<Mapping> mappings, Infrastructure infra) {
    Map<String, Object> out = new LinkedHashMap<>(self(s));
    List<Object> targets = new ArrayList<>();
    for (Mapping m : mappings) {
      targets.add(target(infra.targets().get(m.target()), m.container()));
    }
    out.put("targets", Collections.unmodifiableList(targets));
    if (!targets.isEmpty()) {
      out.put("target", targets.get(0));
      out.put("container", mappings.get(0).container().properties());
    }
    return Collections.unmodifiableMap(out);
  }

  /** A target record, with the mapping's container selected. */
  static Map<String, Object> target(Target t, ContainerRef container) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", t.name());
    out.put("properties", t.properties());
    out.put("containers", t.containers());
    t.system().ifPresent(v -> out.put("system", v));
    out.put("numOfCores", (long) t.numOfCores());
    t.clientInterface().ifPresent(v -> out.put("clientInterface", v));
    t.targetProperty().ifPresent(v -> out.put("targetProperty", v));
    out.put("selectedContainer", container.name());
    out.put("container", container.properties());
    return Collections.unmodifiableMap(out);
  }
}
