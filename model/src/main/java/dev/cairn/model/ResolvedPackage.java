package dev.cairn.model;

import dev.cairn.store.recipe.Recipe;
import dev.cairn.store.recipe.RecipeFile;

/**
 * An extra package of a target's profile (the packages model), resolved like a service's package.
 *
 * @param name the package as the model names it (a recipe or template name)
 * @param recipes the recipe to build and every recipe it takes as input
 * @param recipe the recipe of {@code recipes} to build
 */
public record ResolvedPackage(String name, RecipeFile recipes, Recipe recipe) {
  /** Checks the recipe is one of the file's. */
  public ResolvedPackage {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a package name cannot be empty");
    }
    if (!recipe.equals(recipes.recipes().get(recipe.attr()))) {
      throw new IllegalArgumentException("recipe '" + recipe.attr() + "' is not from its file");
    }
  }
}
