package dev.cairn.process;

import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlList;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain placeholder substitution of {@code ${{ name }}} in the scalars of a YAML tree, with names
 * such as {@code params.port}, {@code global.stateDir}, {@code instanceName} or {@code ids.ports}.
 * Deliberately not a language: an unknown name is an error at the scalar listing the known ones.
 */
final class Substitution {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*}}");
  private static final Pattern INTEGER = Pattern.compile("-?\\d+");

  private final Map<String, String> variables;

  Substitution(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /** The variables {@code prefix.X} for each entry of {@code values}, added to {@code into}. */
  static void addAll(Map<String, String> into, String prefix, Map<String, String> values) {
    values.forEach((k, v) -> into.put(prefix + "." + k, v));
  }

  /** A copy of {@code node} with every placeholder replaced; locations are kept. */
  YamlNode apply(YamlNode node) throws YamlException {
    if (node instanceof YamlMap map) {
      Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
      for (YamlMap.Entry e : map.entries().values()) {
        String key =
            e.key().contains("${{")
                ? replace(new YamlScalar(e.keyLocation(), e.key(), YamlScalar.Kind.STRING, true))
                : e.key();
        entries.put(key, new YamlMap.Entry(key, e.keyLocation(), apply(e.value())));
      }
      return new YamlMap(map.location(), entries);
    }
    if (node instanceof YamlList list) {
      List<YamlNode> items = new ArrayList<>();
      for (YamlNode item : list.items()) {
        items.add(apply(item));
      }
      return new YamlList(list.location(), items);
    }
    YamlScalar scalar = (YamlScalar) node;
    if (scalar.kind() != YamlScalar.Kind.STRING || !scalar.text().contains("${{")) {
      return scalar;
    }
    String text = replace(scalar);
    // A value made only of a number (a port from a parameter) reads as a number again.
    YamlScalar.Kind kind =
        INTEGER.matcher(text).matches() ? YamlScalar.Kind.INTEGER : YamlScalar.Kind.STRING;
    return new YamlScalar(scalar.location(), text, kind, false);
  }

  private String replace(YamlScalar scalar) throws YamlException {
    Matcher m = PLACEHOLDER.matcher(scalar.text());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = variables.get(name);
      if (value == null) {
        throw new YamlException(
            scalar.location(),
            "unknown name '"
                + name
                + "' in ${{ "
                + name
                + " }}; known names: "
                + String.join(", ", new TreeSet<>(variables.keySet())));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
