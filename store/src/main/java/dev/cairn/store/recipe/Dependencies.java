package dev.cairn.store.recipe;

import dev.cairn.store.yaml.YamlException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the inputs between the recipes of a file: each names a recipe, and they form no cycle. A
 * depth-first walk in file order, so the reported cycle is the first one met reading the file.
 */
final class Dependencies {
  private enum State {
    VISITING,
    DONE
  }

  private final Map<String, Recipe> recipes;
  private final Map<String, State> states = new HashMap<>();
  private final List<String> path = new ArrayList<>();

  private Dependencies(Map<String, Recipe> recipes) {
    this.recipes = recipes;
  }

  static void check(Map<String, Recipe> recipes) throws YamlException {
    for (Recipe recipe : recipes.values()) {
      for (InputRef input : recipe.recipeInputs()) {
        if (!recipes.containsKey(input.ref())) {
          throw new YamlException(
              input.location(),
              "input '"
                  + input.ref()
                  + "' of recipe '"
                  + recipe.attr()
                  + "' is not a recipe in this file (store paths must be absolute)"
                  + RecipeFile.available(input.ref(), recipes.keySet()));
        }
      }
    }
    Dependencies walk = new Dependencies(recipes);
    for (Recipe recipe : recipes.values()) {
      walk.visit(recipe);
    }
  }

  private void visit(Recipe recipe) throws YamlException {
    if (states.get(recipe.attr()) == State.DONE) {
      return;
    }
    states.put(recipe.attr(), State.VISITING);
    path.add(recipe.attr());
    for (InputRef input : recipe.recipeInputs()) {
      if (states.get(input.ref()) == State.VISITING) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(input.ref()), path.size()));
        cycle.add(input.ref());
        throw new YamlException(
            input.location(),
            "dependency cycle: "
                + String.join(" -> ", cycle)
                + "; recipes cannot depend on themselves, remove one of these inputs");
      }
      visit(recipes.get(input.ref()));
    }
    path.remove(path.size() - 1);
    states.put(recipe.attr(), State.DONE);
  }
}
