package dev.cairn.store.recipe;

import dev.cairn.store.yaml.SourceLocation;
import java.util.Objects;

/**
 * One input of a recipe: another recipe of the same file, or an existing store path.
 *
 * @param variable the shell variable (and {@code ${{ inputs.NAME }}} name) that holds the input's
 *     store path in the build
 * @param ref a recipe's key in the file, or an absolute store path (its store directory is checked
 *     when the recipe is built)
 * @param location where the reference is written
 */
public record InputRef(String variable, String ref, SourceLocation location) {
  /** Checks the variable is an identifier and the reference is non-empty. */
  public InputRef {
    Objects.requireNonNull(location, "location");
    if (!Names.isIdentifier(variable)) {
      throw new IllegalArgumentException("input variable '" + variable + "' is no identifier");
    }
    if (ref.isEmpty()) {
      throw new IllegalArgumentException("an input reference cannot be empty");
    }
  }

  /** Whether {@link #ref} is an absolute store path rather than a recipe name. */
  public boolean isStorePath() {
    return ref.startsWith("/");
  }
}
