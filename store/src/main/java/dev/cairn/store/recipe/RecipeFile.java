package dev.cairn.store.recipe;

import dev.cairn.store.StoreException;
import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.Suggestions;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A recipe file: one or more {@link Recipe}s under {@code recipes}, and optionally the {@code
 * default} one to build. YAML, or JSON; {@code schemas/recipe.schema.json} describes the format.
 *
 * <pre>{@code
 * recipes:
 *   greeting:
 *     files:
 *       share/greeting.txt: "Hello from Cairn!\n"
 *   hello:
 *     version: "1.0"
 *     src: ./hello-src
 *     inputs: [greeting]
 *     build: |
 *       mkdir -p $out/bin && cp hello.sh $out/bin/hello
 * default: hello
 * }</pre>
 *
 * @param file the file as given to {@link #parse}
 * @param recipes the recipes by key ({@link Recipe#attr}), in file order
 * @param defaultAttr the {@code default} recipe's key, if given
 * @param location where {@code recipes} is written, for file-wide messages
 */
public record RecipeFile(
    Path file, Map<String, Recipe> recipes, Optional<String> defaultAttr, SourceLocation location) {
  /** The top-level keys, in the order messages list them. */
  public static final List<String> KEYS = List.of("recipes", "default");

  /** Checks the default and input references name recipes of the file; copies in order. */
  public RecipeFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(location, "location");
    recipes = Collections.unmodifiableMap(new LinkedHashMap<>(recipes));
    if (recipes.isEmpty()) {
      throw new IllegalArgumentException("a recipe file needs at least one recipe");
    }
    if (defaultAttr.isPresent() && !recipes.containsKey(defaultAttr.get())) {
      throw new IllegalArgumentException("default '" + defaultAttr.get() + "' is no recipe");
    }
    recipes.forEach(
        (attr, recipe) -> {
          if (!attr.equals(recipe.attr())) {
            throw new IllegalArgumentException("recipe '" + recipe.attr() + "' under " + attr);
          }
        });
  }

  /**
   * Reads and checks a recipe file. Parsing stops at the first error.
   *
   * @throws YamlException with {@code file:line:column} if the file is malformed or breaks a rule
   *     of the format: unknown key, wrong type, bad name, path or mode, missing {@code src},
   *     unknown input, dependency cycle, unknown {@code default}
   * @throws StoreException if the file cannot be read
   */
  public static RecipeFile parse(Path file) throws StoreException {
    return parse(YamlReader.read(file), file);
  }

  /**
   * Checks an already read document; relative {@code src} paths are resolved against {@code file}'s
   * directory.
   *
   * @throws YamlException as {@link #parse(Path)} does
   */
  public static RecipeFile parse(YamlNode document, Path file) throws YamlException {
    YamlMapReader top = YamlMapReader.of(document, "the recipe file").allowOnly(KEYS);
    YamlMap recipesMap = top.requiredMap("recipes", "'recipes'").map();
    if (recipesMap.entries().isEmpty()) {
      throw new YamlException(recipesMap.location(), "'recipes' is empty; add at least one recipe");
    }
    Path baseDir = file.toAbsolutePath().getParent();
    RecipeParser parser = new RecipeParser(baseDir);
    Map<String, Recipe> recipes = new LinkedHashMap<>();
    for (YamlMap.Entry entry : recipesMap.entries().values()) {
      recipes.put(entry.key(), parser.parse(entry));
    }
    Dependencies.check(recipes);
    Optional<String> defaultAttr = top.optionalString("default");
    if (defaultAttr.isPresent() && !recipes.containsKey(defaultAttr.get())) {
      throw new YamlException(
          top.required("default").location(),
          "default '"
              + defaultAttr.get()
              + "' is not a recipe"
              + available(defaultAttr.get(), recipes.keySet()));
    }
    return new RecipeFile(file, recipes, defaultAttr, top.keyLocation("recipes"));
  }

  /**
   * The recipe to build: {@code attr} if given, else {@code default}, else the only recipe.
   *
   * @throws YamlException if {@code attr} names no recipe, or none is given and the file has
   *     several recipes but no {@code default}; the message lists the recipes
   */
  public Recipe select(Optional<String> attr) throws YamlException {
    if (attr.isPresent()) {
      Recipe recipe = recipes.get(attr.get());
      if (recipe == null) {
        throw new YamlException(
            location,
            "no recipe '" + attr.get() + "' in " + file + available(attr.get(), recipes.keySet()));
      }
      return recipe;
    }
    if (defaultAttr.isPresent()) {
      return recipes.get(defaultAttr.get());
    }
    if (recipes.size() == 1) {
      return recipes.values().iterator().next();
    }
    throw new YamlException(
        location,
        file
            + " has several recipes ("
            + String.join(", ", recipes.keySet())
            + ") and no 'default'; choose one by name, or add 'default: <name>' to the file");
  }

  /**
   * The recipes {@code recipe} needs, dependencies first, each once, ending with {@code recipe}
   * itself: an order to build them in.
   *
   * @throws IllegalArgumentException if {@code recipe} is not from this file
   */
  public List<Recipe> closure(Recipe recipe) {
    if (!recipe.equals(recipes.get(recipe.attr()))) {
      throw new IllegalArgumentException("recipe '" + recipe.attr() + "' is not from " + file);
    }
    Set<String> done = new LinkedHashSet<>();
    visit(recipe, done);
    List<Recipe> order = new ArrayList<>();
    done.forEach(attr -> order.add(recipes.get(attr)));
    return List.copyOf(order);
  }

  private void visit(Recipe recipe, Set<String> done) {
    if (done.contains(recipe.attr())) {
      return;
    }
    for (InputRef input : recipe.recipeInputs()) {
      visit(recipes.get(input.ref()), done);
    }
    done.add(recipe.attr());
  }

  static String available(String typed, Set<String> names) {
    String suggestion =
        Suggestions.closest(typed, names).map(s -> "; did you mean '" + s + "'?").orElse(";");
    return suggestion + " recipes in this file: " + String.join(", ", names);
  }
}
