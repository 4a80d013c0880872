package dev.cairn.store.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A YAML mapping or JSON object with string keys, in document order. Keys are unique: the reader
 * rejects duplicates.
 *
 * @param location where the map starts
 * @param entries the entries by key, in document order (unmodifiable)
 */
public record YamlMap(SourceLocation location, Map<String, Entry> entries) implements YamlNode {
  /** Copies the entries, keeping their order, and checks each is filed under its own key. */
  public YamlMap {
    Objects.requireNonNull(location, "location");
    entries.forEach(
        (key, entry) -> {
          if (!key.equals(entry.key())) {
            throw new IllegalArgumentException(
                "entry '" + entry.key() + "' filed under key '" + key + "'");
          }
        });
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /**
   * One key and its value.
   *
   * @param key the key text
   * @param keyLocation where the key is written
   * @param value the value
   */
  public record Entry(String key, SourceLocation keyLocation, YamlNode value) {
    /** Checks for nulls. */
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(keyLocation, "keyLocation");
      Objects.requireNonNull(value, "value");
    }
  }

  /** Returns the value under {@code key}, if present. */
  public Optional<YamlNode> get(String key) {
    return Optional.ofNullable(entries.get(key)).map(Entry::value);
  }

  /** Returns the entry under {@code key}, if present. */
  public Optional<Entry> entry(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public String describe() {
    return "a map";
  }
}
