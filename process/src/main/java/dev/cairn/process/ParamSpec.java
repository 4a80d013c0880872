package dev.cairn.process;

import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlNode;
import java.util.Locale;
import java.util.Objects;

/**
 * One parameter of a constructor.
 *
 * @param name the parameter
 * @param type what values it takes
 * @param defaultValue the value when an instance leaves it out (may hold placeholders), or null
 *     when it is required
 * @param location where it is declared
 */
record ParamSpec(String name, Type type, YamlNode defaultValue, SourceLocation location) {
  /** Parameter types. */
  enum Type {
    STRING,
    INT,
    BOOL,
    /** The name of another instance: a dependency. */
    INSTANCE,
    /** A list of names of other instances: dependencies. */
    INSTANCES;

    static Type parse(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "string" -> STRING;
        case "int", "integer" -> INT;
        case "bool", "boolean" -> BOOL;
        case "instance" -> INSTANCE;
        case "instances" -> INSTANCES;
        default -> null;
      };
    }
  }

  ParamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  boolean required() {
    return defaultValue == null;
  }
}
