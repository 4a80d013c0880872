package dev.cairn.model;

import dev.cairn.store.recipe.Recipe;
import dev.cairn.store.recipe.RecipeFile;
import java.util.List;
import java.util.Objects;

/**
 * A distributed service with its package resolved: the expressions of its recipe substituted with
 * its dependencies' attributes and targets, ready to build.
 *
 * @param service the service
 * @param mappings where it runs, in distribution order (at least one)
 * @param recipes the recipe to build and every recipe it takes as input, with {@code ${{ out }}}
 *     and {@code ${{ inputs.NAME }}} left for the builder
 * @param recipe the service's package: the recipe of {@code recipes} to build
 */
public record ResolvedService(
    Service service, List<Mapping> mappings, RecipeFile recipes, Recipe recipe) {
  /** Checks the recipe is one of the file's and the mappings are the service's. */
  public ResolvedService {
    Objects.requireNonNull(service, "service");
    mappings = List.copyOf(mappings);
    if (mappings.isEmpty()) {
      throw new IllegalArgumentException("service '" + service.name() + "' is not distributed");
    }
    for (Mapping m : mappings) {
      if (!m.service().equals(service.name())) {
        throw new IllegalArgumentException("mapping of '" + m.service() + "' given to " + service);
      }
    }
    if (!recipe.equals(recipes.recipes().get(recipe.attr()))) {
      throw new IllegalArgumentException("recipe '" + recipe.attr() + "' is not from its file");
    }
  }
}
