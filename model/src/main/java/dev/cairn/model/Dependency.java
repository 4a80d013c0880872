package dev.cairn.model;

import dev.cairn.store.yaml.SourceLocation;
import java.util.Objects;

/**
 * One inter-dependency of a service: in {@code dependsOn}, {@code connectsTo} or {@code
 * activatesAfter}.
 *
 * @param paramName the name expressions use for it ({@code deps.server}): the key in the map form,
 *     the service's name in the list form
 * @param service the name of the service depended on
 * @param location where the reference is written (for an automatic {@code activatesAfter} on a
 *     container provider: the distribution entry that placed the service next to it)
 */
public record Dependency(String paramName, String service, SourceLocation location) {
  /** Checks neither name is empty. */
  public Dependency {
    Objects.requireNonNull(location, "location");
    if (paramName.isEmpty() || service.isEmpty()) {
      throw new IllegalArgumentException("a dependency needs a parameter and a service name");
    }
  }
}
