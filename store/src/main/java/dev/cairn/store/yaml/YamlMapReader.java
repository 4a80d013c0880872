package dev.cairn.store.yaml;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, uniform access to the keys of one map, for format parsers.
 *
 * <p>Every failure is a {@link YamlException} at the offending node: unknown keys at the key (with
 * a "did you mean" suggestion and the allowed keys), wrong types at the value, missing keys at the
 * map. Parsing stops at the first error: each error names the spot exactly, and a user fixing one
 * at a time never sees follow-on errors caused by an earlier one.
 *
 * <p>{@code description} names the map in messages, such as {@code "recipe 'hello'"}; values are
 * then named {@code "'inputs' of recipe 'hello'"}.
 */
public final class YamlMapReader {
  private final YamlMap map;
  private final String description;

  private YamlMapReader(YamlMap map, String description) {
    this.map = map;
    this.description = description;
  }

  /**
   * Starts reading {@code node}, which must be a map.
   *
   * @param description names the map in messages, such as {@code "recipe 'hello'"}
   * @throws YamlException if the node is not a map
   */
  public static YamlMapReader of(YamlNode node, String description) throws YamlException {
    return new YamlMapReader(YamlValues.map(node, description), description);
  }

  /** The map being read. */
  public YamlMap map() {
    return map;
  }

  /** Where the map starts. */
  public SourceLocation location() {
    return map.location();
  }

  /** How messages name the map. */
  public String description() {
    return description;
  }

  /** How messages name the value under {@code key}: {@code "'key' of <description>"}. */
  public String what(String key) {
    return "'" + key + "' of " + description;
  }

  /**
   * Fails on the first key, in document order, that is not in {@code allowed}.
   *
   * @param allowed the keys in the order the message should list them
   * @throws YamlException at the key: "unknown key 'biuld' in recipe 'hello'; did you mean 'build'?
   *     allowed: …"
   */
  public YamlMapReader allowOnly(Collection<String> allowed) throws YamlException {
    for (YamlMap.Entry entry : map.entries().values()) {
      if (!allowed.contains(entry.key())) {
        String suggestion =
            Suggestions.closest(entry.key(), allowed)
                .map(s -> "; did you mean '" + s + "'?")
                .orElse(";");
        throw new YamlException(
            entry.keyLocation(),
            "unknown key '"
                + entry.key()
                + "' in "
                + description
                + suggestion
                + " allowed: "
                + String.join(", ", allowed));
      }
    }
    return this;
  }

  /** Whether {@code key} is present. */
  public boolean has(String key) {
    return map.entries().containsKey(key);
  }

  /** The value under {@code key}, if present. */
  public Optional<YamlNode> optional(String key) {
    return map.get(key);
  }

  /**
   * The value under {@code key}.
   *
   * @throws YamlException at the map if the key is missing
   */
  public YamlNode required(String key) throws YamlException {
    Optional<YamlNode> value = map.get(key);
    if (value.isEmpty()) {
      throw new YamlException(
          map.location(), description + " is missing the required key '" + key + "'");
    }
    return value.get();
  }

  /** Where {@code key} itself is written. */
  public SourceLocation keyLocation(String key) {
    return map.entry(key).map(YamlMap.Entry::keyLocation).orElse(map.location());
  }

  /** A required string (any non-null scalar, as written). */
  public String requiredString(String key) throws YamlException {
    return YamlValues.string(required(key), what(key));
  }

  /** An optional string (any non-null scalar, as written). */
  public Optional<String> optionalString(String key) throws YamlException {
    Optional<YamlNode> node = optional(key);
    return node.isEmpty()
        ? Optional.empty()
        : Optional.of(YamlValues.string(node.get(), what(key)));
  }

  /** A boolean, or {@code fallback} if absent. */
  public boolean bool(String key, boolean fallback) throws YamlException {
    Optional<YamlNode> node = optional(key);
    return node.isEmpty() ? fallback : YamlValues.bool(node.get(), what(key));
  }

  /** An optional integer. */
  public Optional<Integer> optionalInt(String key) throws YamlException {
    Optional<YamlNode> node = optional(key);
    return node.isEmpty()
        ? Optional.empty()
        : Optional.of(YamlValues.integer(node.get(), what(key)));
  }

  /** A required integer. */
  public int requiredInt(String key) throws YamlException {
    return YamlValues.integer(required(key), what(key));
  }

  /** A list of strings, empty if absent. */
  public List<String> stringList(String key) throws YamlException {
    Optional<YamlNode> node = optional(key);
    return node.isEmpty() ? List.of() : YamlValues.stringList(node.get(), what(key));
  }

  /** A map of strings in document order, empty if absent. */
  public Map<String, String> stringMap(String key) throws YamlException {
    Optional<YamlNode> node = optional(key);
    return node.isEmpty() ? Map.of() : YamlValues.stringMap(node.get(), what(key));
  }

  /** A nested map that must be present, read as {@code description}. */
  public YamlMapReader requiredMap(String key, String nestedDescription) throws YamlException {
    YamlNode node = required(key);
    YamlValues.map(node, what(key));
    return new YamlMapReader((YamlMap) node, nestedDescription);
  }

  /** A nested map, if present, read as {@code description}. */
  public Optional<YamlMapReader> optionalMap(String key, String nestedDescription)
      throws YamlException {
    Optional<YamlNode> node = optional(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    YamlValues.map(node.get(), what(key));
    return Optional.of(new YamlMapReader((YamlMap) node.get(), nestedDescription));
  }

  /** An error at the value under {@code key} (or at the map if absent). */
  public YamlException error(String key, String problem) {
    return new YamlException(optional(key).map(YamlNode::location).orElse(map.location()), problem);
  }

  /** Lowercases for the suggestion's case-insensitive comparison. */
  static String fold(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
