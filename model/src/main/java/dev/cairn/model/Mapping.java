package dev.cairn.model;

import dev.cairn.store.yaml.SourceLocation;
import java.util.Objects;

/**
 * One entry of the distribution: a service placed into a container of a target.
 *
 * @param service the service's name
 * @param target the target's name
 * @param container the container on that target
 * @param location where the distribution names the target
 */
public record Mapping(
    String service, String target, ContainerRef container, SourceLocation location) {
  /** Checks for nulls and empty names. */
  public Mapping {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(location, "location");
    if (service.isEmpty() || target.isEmpty()) {
      throw new IllegalArgumentException("a mapping needs a service and a target");
    }
  }
}
