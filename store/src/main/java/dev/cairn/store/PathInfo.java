package dev.cairn.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the store knows of a valid path.
 *
 * @param path the path
 * @param narHash SHA-256 of its NAR serialisation
 * @param narSize length of its NAR serialisation
 * @param references the paths it refers to (itself included when it does)
 * @param deriver the recipe it was built from, if any
 * @param registrationTime when it became valid
 */
public record PathInfo(
    StorePath path,
    Hash narHash,
    long narSize,
    SortedSet<StorePath> references,
    Optional<StorePath> deriver,
    Instant registrationTime) {
  /** Checks and copies. */
  public PathInfo {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(narHash, "narHash");
    Objects.requireNonNull(deriver, "deriver");
    Objects.requireNonNull(registrationTime, "registrationTime");
    if (narSize < 0) {
      throw new IllegalArgumentException("narSize cannot be negative: " + narSize);
    }
    references = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(references));
  }
}
