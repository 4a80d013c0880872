package dev.cairn.model;

import dev.cairn.store.yaml.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A service of the services model, as written (its package is resolved separately, see {@link
 * ResolvedService}).
 *
 * @param name the service's key in the services model
 * @param type the activation module: {@code process}, {@code wrapper}, {@code echo}, {@code
 *     fileset}, {@code package} (only installed into the target's profile, never activated), or the
 *     name of an external module
 * @param dependsOn dependencies that are activated first and whose attributes and targets the
 *     package may use; changes cascade along them
 * @param connectsTo dependencies whose attributes and targets the package may use, without
 *     ordering; they may form cycles
 * @param activatesAfter services activated first, without parameters; in a {@link DeploymentModel}
 *     this includes the automatic ones on container providers on the same target
 * @param deployState whether the service's state moves with it (snapshot and restore)
 * @param providesContainers containers the service provides once activated, by name, with their
 *     properties; other services can then be distributed into them
 * @param requiresUniqueIdsFor the kinds of numeric IDs ({@code ports}, {@code uids}, {@code gids})
 *     to assign to the service
 * @param attributes every other key (port, dnsName…): visible to dependents' expressions
 * @param location where the service's key is written
 */
public record Service(
    String name,
    String type,
    List<Dependency> dependsOn,
    List<Dependency> connectsTo,
    List<Dependency> activatesAfter,
    boolean deployState,
    Map<String, Map<String, Object>> providesContainers,
    List<String> requiresUniqueIdsFor,
    Map<String, Object> attributes,
    SourceLocation location) {
  /** The keys with a meaning of their own; any other key is a free attribute. */
  public static final List<String> KEYS =
      List.of(
          "name",
          "pkg",
          "type",
          "dependsOn",
          "connectsTo",
          "activatesAfter",
          "deployState",
          "providesContainers",
          "providesContainer",
          "requiresUniqueIdsFor");

  /** The type of services that are only installed into the target's profile. */
  public static final String PACKAGE_TYPE = "package";

  /** The kinds of IDs {@code requiresUniqueIdsFor} may list. */
  public static final Set<String> ID_KINDS = Set.of("ports", "uids", "gids");

  /** Checks names and ID kinds; copies collections, keeping their order. */
  public Service {
    Objects.requireNonNull(location, "location");
    if (name.isEmpty() || type.isEmpty()) {
      throw new IllegalArgumentException("a service needs a name and a type");
    }
    dependsOn = List.copyOf(dependsOn);
    connectsTo = List.copyOf(connectsTo);
    activatesAfter = List.copyOf(activatesAfter);
    providesContainers = Values.copyNested(providesContainers);
    requiresUniqueIdsFor = List.copyOf(requiresUniqueIdsFor);
    attributes = Values.copy(attributes);
    for (String kind : requiresUniqueIdsFor) {
      if (!ID_KINDS.contains(kind)) {
        throw new IllegalArgumentException("unknown ID kind '" + kind + "'");
      }
    }
    for (String key : attributes.keySet()) {
      if (KEYS.contains(key)) {
        throw new IllegalArgumentException("'" + key + "' is no free attribute");
      }
    }
  }

  /** Whether the service is only installed into profiles, never activated. */
  public boolean isPackage() {
    return type.equals(PACKAGE_TYPE);
  }

  /** The dependencies that are activated first: {@code dependsOn}, then {@code activatesAfter}. */
  public List<Dependency> activationOrder() {
    List<Dependency> all = new ArrayList<>(dependsOn);
    all.addAll(activatesAfter);
    return List.copyOf(all);
  }

  /** A copy with {@code activatesAfter} replaced. */
  Service withActivatesAfter(List<Dependency> after) {
    return new Service(
        name,
        type,
        dependsOn,
        connectsTo,
        after,
        deployState,
        providesContainers,
        requiresUniqueIdsFor,
        attributes,
        location);
  }
}
