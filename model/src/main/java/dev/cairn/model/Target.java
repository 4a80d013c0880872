package dev.cairn.model;

import dev.cairn.store.yaml.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A machine of the infrastructure model, as Disnix describes one.
 *
 * <p>Property and container values are model values: strings, longs, booleans, and unmodifiable
 * lists and maps of them.
 *
 * @param name the target's key in the infrastructure model
 * @param properties connection and machine properties, such as {@code hostname}
 * @param containers the containers the target offers, by name, each a property map; containers of
 *     services distributed here are not listed (see {@link Mapping#container()})
 * @param system the platform, such as {@code x86_64-linux}, if given
 * @param numOfCores how many activities may run on the target at once; 1 unless given
 * @param clientInterface the transport used to reach the target, if given (the coordinator's
 *     default otherwise)
 * @param targetProperty the property holding the target's address, if given ({@code hostname} by
 *     Disnix's default)
 * @param location where the target's key is written
 */
public record Target(
    String name,
    Map<String, Object> properties,
    Map<String, Map<String, Object>> containers,
    Optional<String> system,
    int numOfCores,
    Optional<String> clientInterface,
    Optional<String> targetProperty,
    SourceLocation location) {
  /** The keys a target may have, in the order messages list them. */
  public static final List<String> KEYS =
      List.of(
          "properties", "containers", "system", "numOfCores", "clientInterface", "targetProperty");

  /** Checks the name and core count; copies the maps, keeping their order. */
  public Target {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(clientInterface, "clientInterface");
    Objects.requireNonNull(targetProperty, "targetProperty");
    Objects.requireNonNull(location, "location");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a target name cannot be empty");
    }
    if (numOfCores < 1) {
      throw new IllegalArgumentException(
          "numOfCores of target '" + name + "' must be at least 1, got " + numOfCores);
    }
    properties = Values.copy(properties);
    containers = Values.copyNested(containers);
  }

  /**
   * The target's address: the property named by {@link #targetProperty}, or by {@code
   * defaultProperty} when the target does not choose one.
   */
  public Optional<Object> address(String defaultProperty) {
    return Optional.ofNullable(properties.get(targetProperty.orElse(defaultProperty)));
  }
}
