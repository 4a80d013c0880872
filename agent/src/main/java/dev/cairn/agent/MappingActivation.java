package dev.cairn.agent;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One service mapping as a target sees it: what to activate, with which module, in which container.
 *
 * @param service the service's name
 * @param key a stable key of the mapping (service hash, target, container), for logs and PIDs
 * @param type the activation module
 * @param component the service's package, a store path
 * @param container the container's name
 * @param containerProperties the container's properties, given to the module
 * @param attributes the service's own attributes, given to the module as environment
 */
public record MappingActivation(
    String service,
    String key,
    String type,
    Path component,
    String container,
    Map<String, String> containerProperties,
    Map<String, String> attributes) {
  /** Checks and copies. */
  public MappingActivation {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(container, "container");
    containerProperties = Map.copyOf(containerProperties);
    attributes = Map.copyOf(attributes);
  }
}
