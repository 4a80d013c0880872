package dev.cairn.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A service as deployed: its package and what it needs, keyed in the manifest by {@link #hash}.
 *
 * @param hash the service hash: name, type, package and the hashes of its {@code dependsOn}
 *     services, so that a change cascades to the services that depend on it
 * @param name the service's name
 * @param type its activation module
 * @param pkg its package's store path (absolute, logical)
 * @param dependsOn hashes of the services it depends on (activation order and parameters)
 * @param connectsTo names of the services it connects to (parameters only)
 * @param activatesAfter names of the services it activates after (order only)
 * @param deployState whether its state migrates with it
 * @param providesContainers the containers it provides to other services
 * @param attributes its free attributes, as strings, given to its activation module
 */
public record ServiceEntry(
    String hash,
    String name,
    String type,
    String pkg,
    List<String> dependsOn,
    List<String> connectsTo,
    List<String> activatesAfter,
    boolean deployState,
    List<String> providesContainers,
    Map<String, String> attributes) {
  /** Checks and copies. */
  public ServiceEntry {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(pkg, "pkg");
    dependsOn = List.copyOf(dependsOn);
    connectsTo = List.copyOf(connectsTo);
    activatesAfter = List.copyOf(activatesAfter);
    providesContainers = providesContainers == null ? List.of() : List.copyOf(providesContainers);
    attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }
}
