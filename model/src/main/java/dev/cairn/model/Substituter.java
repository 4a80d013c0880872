package dev.cairn.model;

import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlList;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a located recipe tree with its expressions substituted, so the store's recipe parser reads
 * the result and its errors still point at the model's {@code file:line:column}.
 *
 * <p>Keys are never substituted. {@code src} paths are not either: they are made absolute against
 * the directory of the file they are written in, because the copy is parsed as if it were one file
 * while recipes may come from several.
 */
final class Substituter {
  private final Scope scope;

  Substituter(Scope scope) {
    this.scope = scope;
  }

  /** A recipe map with every value substituted and {@code src} made absolute. */
  YamlMap recipe(YamlMap recipe, String what) throws YamlException {
    Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
    for (YamlMap.Entry e : recipe.entries().values()) {
      YamlNode value =
          e.key().equals("src") ? absoluteSource(e.value()) : node(e.value(), e.key(), what);
      entries.put(e.key(), new YamlMap.Entry(e.key(), e.keyLocation(), value));
    }
    return new YamlMap(recipe.location(), entries);
  }

  private YamlNode node(YamlNode node, String path, String what) throws YamlException {
    if (node instanceof YamlScalar s) {
      if (s.kind() != YamlScalar.Kind.STRING || !s.text().contains(Expressions.OPEN)) {
        return s;
      }
      String text = Expressions.text(s, scope, "'" + path + "' of " + what);
      return new YamlScalar(s.location(), text, YamlScalar.Kind.STRING, true);
    }
    if (node instanceof YamlList list) {
      List<YamlNode> items = new ArrayList<>();
      for (int i = 0; i < list.items().size(); i++) {
        items.add(node(list.items().get(i), path + "[" + i + "]", what));
      }
      return new YamlList(list.location(), items);
    }
    YamlMap map = (YamlMap) node;
    Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
    for (YamlMap.Entry e : map.entries().values()) {
      YamlNode value = node(e.value(), path + "." + e.key(), what);
      entries.put(e.key(), new YamlMap.Entry(e.key(), e.keyLocation(), value));
    }
    return new YamlMap(map.location(), entries);
  }

  private static YamlNode absoluteSource(YamlNode src) {
    if (src instanceof YamlScalar s) {
      return absolute(s);
    }
    if (src instanceof YamlMap map && map.get("path").orElse(null) instanceof YamlScalar s) {
      Map<String, YamlMap.Entry> entries = new LinkedHashMap<>(map.entries());
      YamlMap.Entry path = map.entry("path").orElseThrow();
      entries.put("path", new YamlMap.Entry("path", path.keyLocation(), absolute(s)));
      return new YamlMap(map.location(), entries);
    }
    return src;
  }

  private static YamlScalar absolute(YamlScalar s) {
    if (s.kind() == YamlScalar.Kind.NULL || s.text().isEmpty()) {
      return s;
    }
    SourceLocation at = s.location();
    Path base = at.file().toAbsolutePath().getParent();
    String resolved = base.resolve(s.text()).normalize().toString();
    return new YamlScalar(at, resolved, YamlScalar.Kind.STRING, true);
  }

  /**
   * A value with its type, for template parameters: a scalar that is exactly one expression keeps
   * the expression's type; lists and maps are converted item by item.
   */
  Object typed(YamlNode node, String what) throws YamlException {
    if (node instanceof YamlScalar s
        && s.kind() == YamlScalar.Kind.STRING
        && s.text().contains(Expressions.OPEN)) {
      return Expressions.typed(s, scope, what);
    }
    if (node instanceof YamlList list) {
      List<Object> out = new ArrayList<>();
      for (YamlNode item : list.items()) {
        out.add(typed(item, "an item of " + what));
      }
      return java.util.Collections.unmodifiableList(out);
    }
    if (node instanceof YamlMap map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (YamlMap.Entry e : map.entries().values()) {
        out.put(e.key(), typed(e.value(), "'" + e.key() + "' of " + what));
      }
      return java.util.Collections.unmodifiableMap(out);
    }
    return Values.of(node, what);
  }
}
