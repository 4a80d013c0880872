package dev.cairn.deploy;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A target as the manifest records it.
 *
 * @param name the target's name
 * @param properties its properties (hostname, …), as strings
 * @param numOfCores how many activities may run on it at once
 * @param clientInterface how to reach it: local, ssh or http
 * @param profile the store path of its profile in this deployment, or null before it is made
 */
public record TargetEntry(
    String name,
    Map<String, String> properties,
    int numOfCores,
    String clientInterface,
    String profile) {
  /** Checks and copies. */
  public TargetEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clientInterface, "clientInterface");
    properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    if (numOfCores < 1) {
      throw new IllegalArgumentException("numOfCores of target " + name + " must be at least 1");
    }
  }

  /** The same target with its profile set. */
  public TargetEntry withProfile(String path) {
    return new TargetEntry(name, properties, numOfCores, clientInterface, path);
  }
}
