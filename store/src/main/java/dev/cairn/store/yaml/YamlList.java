package dev.cairn.store.yaml;

import java.util.List;
import java.util.Objects;

/**
 * A YAML sequence or JSON array.
 *
 * @param location where the list starts
 * @param items the items in document order
 */
public record YamlList(SourceLocation location, List<YamlNode> items) implements YamlNode {
  /** Copies the items. */
  public YamlList {
    Objects.requireNonNull(location, "location");
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }
}
