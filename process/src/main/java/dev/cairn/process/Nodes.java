package dev.cairn.process;

import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlList;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds YAML trees from Java values, for constructors written in Java. */
final class Nodes {
  private Nodes() {}

  /** Maps, lists, numbers, booleans and strings, all located at {@code at}. */
  static YamlNode of(Object value, SourceLocation at) {
    if (value instanceof Map<?, ?> map) {
      Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> {
            if (v != null) {
              entries.put(String.valueOf(k), new YamlMap.Entry(String.valueOf(k), at, of(v, at)));
            }
          });
      return new YamlMap(at, entries);
    }
    if (value instanceof List<?> list) {
      List<YamlNode> items = new ArrayList<>();
      list.forEach(v -> items.add(of(v, at)));
      return new YamlList(at, items);
    }
    if (value instanceof Integer || value instanceof Long) {
      return new YamlScalar(at, value.toString(), YamlScalar.Kind.INTEGER, false);
    }
    if (value instanceof Boolean) {
      return new YamlScalar(at, value.toString(), YamlScalar.Kind.BOOLEAN, false);
    }
    return new YamlScalar(at, String.valueOf(value), YamlScalar.Kind.STRING, true);
  }
}
