package dev.cairn.store.yaml;

import java.util.Objects;

/**
 * A scalar with its text exactly as the document spells it, so {@code 1.10} stays {@code "1.10"}
 * and the unquoted number {@code 0755} can be told from the string {@code "0755"}.
 *
 * @param location where the scalar starts
 * @param text the scalar's text (for a YAML plain scalar, as written; for a quoted or block scalar,
 *     its value; {@code ""} for null)
 * @param kind how the parser typed it
 * @param quoted whether it was written quoted ({@code '…'}, {@code "…"}) or as a block scalar
 *     ({@code |}, {@code >}): always a string, never a number or boolean. All JSON strings are
 *     quoted.
 */
public record YamlScalar(SourceLocation location, String text, Kind kind, boolean quoted)
    implements YamlNode {
  /** How the parser typed a scalar. */
  public enum Kind {
    /** A string, quoted or plain. */
    STRING,
    /** An integer, such as {@code 42} or {@code 0755}. */
    INTEGER,
    /** A floating-point number, such as {@code 1.0}. */
    FLOAT,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** {@code null}, {@code ~} or an empty value. */
    NULL
  }

  /** Checks the fields agree. */
  public YamlScalar {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(kind, "kind");
    if (quoted && kind != Kind.STRING) {
      throw new IllegalArgumentException("a quoted scalar is a string, not " + kind);
    }
  }

  @Override
  public String describe() {
    return switch (kind) {
      case STRING -> "a string";
      case INTEGER, FLOAT -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
    };
  }
}
