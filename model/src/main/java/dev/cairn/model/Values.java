package dev.cairn.model;

import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlList;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values models hand to expressions and to later layers: {@link String}, {@link Long}, {@link
 * Boolean}, and unmodifiable {@link List}s and {@link Map}s of them. Expressions see nothing else,
 * so the restricted expression engine never meets a Cairn or YAML class.
 */
final class Values {
  private Values() {}

  /**
   * Converts a node as written: quoted and plain strings stay strings, integers become longs,
   * booleans booleans, other numbers their text. Nulls are refused: a value must be given.
   */
  static Object of(YamlNode node, String what) throws YamlException {
    if (node instanceof YamlMap map) {
      return map(map, what);
    }
    if (node instanceof YamlList list) {
      List<Object> items = new ArrayList<>();
      for (YamlNode item : list.items()) {
        items.add(of(item, "each of " + what));
      }
      return Collections.unmodifiableList(items);
    }
    return scalar((YamlScalar) node, what);
  }

  /** A map of values, in document order. */
  static Map<String, Object> map(YamlMap map, String what) throws YamlException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (YamlMap.Entry entry : map.entries().values()) {
      out.put(entry.key(), of(entry.value(), "'" + entry.key() + "' of " + what));
    }
    return Collections.unmodifiableMap(out);
  }

  /** A map of values, where an empty YAML value ({@code process:}) counts as an empty map. */
  static Map<String, Object> mapOrEmpty(YamlNode node, String what) throws YamlException {
    if (node instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.NULL) {
      return Map.of();
    }
    if (node instanceof YamlMap map) {
      return map(map, what);
    }
    throw new YamlException(
        node.location(), what + " must be a map of properties, got " + node.describe());
  }

  private static Object scalar(YamlScalar scalar, String what) throws YamlException {
    return switch (scalar.kind()) {
      case STRING, FLOAT -> scalar.text();
      case BOOLEAN -> Boolean.valueOf(scalar.text());
      case INTEGER -> integer(scalar, what);
      case NULL ->
          throw new YamlException(
              scalar.location(), what + " has no value; give one, or leave the key out");
    };
  }

  private static Long integer(YamlScalar scalar, String what) throws YamlException {
    try {
      return Long.valueOf(scalar.text());
    } catch (NumberFormatException e) {
      throw new YamlException(
          scalar.location(),
          what + " must be a decimal integer that fits 64 bits, got '" + scalar.text() + "'");
    }
  }

  /**
   * Normalises a Java value (a global parameter or an expression's result) to the model's value
   * types: integral numbers become longs, arrays and collections lists, map keys strings.
   *
   * @throws IllegalArgumentException naming the value's type if it has no model counterpart
   */
  static Object normalise(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("null is not a value; leave it out instead");
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return fractional((Number) value);
    }
    if (value instanceof BigInteger big) {
      return big.longValueExact();
    }
    if (value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), normalise(v)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof Collection<?> collection) {
      return Collections.unmodifiableList(collection.stream().map(Values::normalise).toList());
    }
    if (value.getClass().isArray()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        out.add(normalise(Array.get(value, i)));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException(
        "a " + value.getClass().getSimpleName() + " is not a model value");
  }

  /** Whole numbers become longs; others stay doubles so a type check can name them. */
  private static Object fractional(Number number) {
    BigDecimal decimal = new BigDecimal(number.toString());
    try {
      return decimal.longValueExact();
    } catch (ArithmeticException e) {
      return number.doubleValue();
    }
  }

  /** Normalises a map of global parameters. */
  static Map<String, Object> normaliseMap(Map<String, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          try {
            out.put(key, normalise(value));
          } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("global parameter '" + key + "': " + e.getMessage());
          }
        });
    return Collections.unmodifiableMap(out);
  }

  /** Names a value's type for messages: "a string ('abc')", "an integer (5)", "a map"... */
  static String describe(Object value) {
    if (value instanceof String s) {
      return "a string ('" + s + "')";
    }
    if (value instanceof Long || value instanceof Integer) {
      return "an integer (" + value + ")";
    }
    if (value instanceof Number) {
      return "a number (" + value + ")";
    }
    if (value instanceof Boolean) {
      return "a boolean (" + value + ")";
    }
    if (value instanceof Map<?, ?>) {
      return "a map";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return value == null ? "null" : "a " + value.getClass().getSimpleName();
  }

  /** Copies a map of maps, keeping order, all unmodifiable. */
  static Map<String, Map<String, Object>> copyNested(Map<String, Map<String, Object>> maps) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    maps.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    return Collections.unmodifiableMap(out);
  }

  /** Copies a map keeping order, unmodifiable. */
  static <V> Map<String, V> copy(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
