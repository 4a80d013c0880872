package dev.cairn.store.yaml;

/**
 * A node of a YAML or JSON document that remembers where it was written, so that errors found long
 * after parsing can still point at {@code file:line:column}.
 */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {
  /** Where the node starts. */
  SourceLocation location();

  /** Names the node's type for messages: "a map", "a list", "a string", "a number"... */
  String describe();
}
