package dev.cairn.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The container a mapping places its service into.
 *
 * @param name the container's name: given in the distribution, else the service's type
 * @param properties the container's properties: from the service providing it if one is distributed
 *     to the same target, else from the infrastructure model, else none (a container that neither
 *     declares is implicit: the built-in modules need no properties)
 * @param providedBy the service that provides the container on the same target, if any; it is
 *     activated first
 */
public record ContainerRef(
    String name, Map<String, Object> properties, Optional<String> providedBy) {
  /** Copies the properties. */
  public ContainerRef {
    Objects.requireNonNull(providedBy, "providedBy");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a container name cannot be empty");
    }
    properties = Values.copy(properties);
  }
}
