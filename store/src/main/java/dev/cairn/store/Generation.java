package dev.cairn.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One generation of a profile.
 *
 * @param number the generation number, from 1
 * @param path the store path it points to
 * @param created when it was made
 * @param current whether the profile points to it now
 */
public record Generation(int number, StorePath path, Instant created, boolean current) {
  /** Checks the fields. */
  public Generation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(created, "created");
    if (number < 1) {
      throw new IllegalArgumentException("generation numbers start at 1, not " + number);
    }
  }
}
