package dev.cairn.store.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts nodes to Java values, or fails with a {@link YamlException} at the node saying what was
 * expected and what was found: "'inputs' of recipe 'hello' must be a list of strings, got a map".
 *
 * <p>{@code what} names the value for the message, quoted key first, as in {@code "'inputs' of
 * recipe 'hello'"}. Strings accept any non-null scalar and keep its text as written, so {@code
 * version: 1.10} reads as {@code "1.10"}; callers that must tell {@code "0755"} from {@code 0755}
 * look at {@link YamlScalar#quoted()}.
 */
public final class YamlValues {
  private YamlValues() {}

  /** A map. */
  public static YamlMap map(YamlNode node, String what) throws YamlException {
    if (node instanceof YamlMap map) {
      return map;
    }
    throw wrongType(node, what, "a map");
  }

  /** A list. */
  public static YamlList list(YamlNode node, String what) throws YamlException {
    if (node instanceof YamlList list) {
      return list;
    }
    throw wrongType(node, what, "a list");
  }

  /** A string, number or boolean, as text. */
  public static String string(YamlNode node, String what) throws YamlException {
    if (node instanceof YamlScalar scalar && scalar.kind() != YamlScalar.Kind.NULL) {
      return scalar.text();
    }
    throw wrongType(node, what, "a string");
  }

  /** {@code true} or {@code false}. */
  public static boolean bool(YamlNode node, String what) throws YamlException {
    if (node instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.BOOLEAN) {
      return Boolean.parseBoolean(scalar.text());
    }
    throw wrongType(node, what, "true or false");
  }

  /** A decimal integer that fits an {@code int}. */
  public static int integer(YamlNode node, String what) throws YamlException {
    if (node instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.INTEGER) {
      try {
        return Integer.parseInt(scalar.text());
      } catch (NumberFormatException e) {
        throw new YamlException(
            node.location(), what + " must be a decimal integer, got '" + scalar.text() + "'");
      }
    }
    throw wrongType(node, what, "an integer");
  }

  /** A list of strings (see {@link #string}). */
  public static List<String> stringList(YamlNode node, String what) throws YamlException {
    List<String> out = new ArrayList<>();
    for (YamlNode item : list(node, what, "a list of strings").items()) {
      out.add(scalarItem(item, what, "a list of strings"));
    }
    return Collections.unmodifiableList(out);
  }

  /** A map from keys to strings (see {@link #string}), in document order. */
  public static Map<String, String> stringMap(YamlNode node, String what) throws YamlException {
    Map<String, String> out = new LinkedHashMap<>();
    for (YamlMap.Entry entry : mapOf(node, what, "a map of strings").entries().values()) {
      out.put(entry.key(), scalarItem(entry.value(), what, "a map of strings"));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The error for a node of the wrong type: "{what} must be {expected}, got {found}".
   *
   * @param expected such as "a list of strings"
   */
  public static YamlException wrongType(YamlNode node, String what, String expected) {
    return new YamlException(
        node.location(), what + " must be " + expected + ", got " + node.describe());
  }

  private static YamlList list(YamlNode node, String what, String expected) throws YamlException {
    if (node instanceof YamlList list) {
      return list;
    }
    throw wrongType(node, what, expected);
  }

  private static YamlMap mapOf(YamlNode node, String what, String expected) throws YamlException {
    if (node instanceof YamlMap map) {
      return map;
    }
    throw wrongType(node, what, expected);
  }

  private static String scalarItem(YamlNode item, String what, String expected)
      throws YamlException {
    if (item instanceof YamlScalar scalar && scalar.kind() != YamlScalar.Kind.NULL) {
      return scalar.text();
    }
    throw new YamlException(
        item.location(), what + " must be " + expected + ", got " + item.describe() + " here");
  }
}
