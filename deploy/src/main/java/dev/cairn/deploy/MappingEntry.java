package dev.cairn.deploy;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A service on a target, in a container: the unit that is activated and deactivated.
 *
 * @param service the service hash
 * @param target the target's name
 * @param container the container's name
 * @param containerProperties the container's properties on that target
 */
public record MappingEntry(
    String service, String target, String container, Map<String, String> containerProperties) {
  /** Checks and copies. */
  public MappingEntry {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(container, "container");
    containerProperties = java.util.Collections.unmodifiableMap(new TreeMap<>(containerProperties));
  }

  /** The identity of a mapping across manifests: (service hash, target, container). */
  public String key() {
    return service + "/" + target + "/" + container;
  }
}
