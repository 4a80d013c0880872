package dev.cairn.process;

import dev.cairn.store.yaml.SourceLocation;
import java.util.Objects;

/**
 * One process instance of a model: its agnostic description and where it is declared.
 *
 * @param spec the description
 * @param location where the instance is declared
 */
public record Instance(ProcessSpec spec, SourceLocation location) {
  /** Checks for nulls. */
  public Instance {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(location, "location");
  }

  /** The instance name. */
  public String name() {
    return spec.name();
  }
}
