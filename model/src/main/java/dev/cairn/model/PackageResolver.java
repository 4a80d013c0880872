package dev.cairn.model;

import dev.cairn.store.recipe.Recipe;
import dev.cairn.store.recipe.RecipeFile;
import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlList;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a package: instantiates its template, substitutes expressions in its recipe and in every
 * recipe it takes as input, and parses the result as a store {@link RecipeFile} whose default is
 * the package.
 */
final class PackageResolver {
  static final String PARAMS_ONLY_IN_TEMPLATES =
      "is only known inside a template's recipe (the template's parameters)";

  private final Catalog catalog;

  PackageResolver(Catalog catalog) {
    this.catalog = catalog;
  }

  /** A resolved package. */
  record Result(RecipeFile recipes, Recipe recipe) {}

  /**
   * @param scope the names the package's expressions may use, without {@code params}
   * @param ownAttr the recipe key for a template's instance or an in-place recipe
   * @param who names the package in messages, such as "the package of service 'web1'"
   * @param file the file the recipes are reported as coming from
   */
  Result resolve(PackageSpec spec, Scope scope, String ownAttr, String who, Path file)
      throws YamlException {
    Map<String, YamlMap.Entry> recipes = new LinkedHashMap<>();
    String attr;
    YamlMap main;
    if (spec instanceof PackageSpec.RecipeRef ref) {
      attr = ref.name();
      YamlMap.Entry entry = catalog.recipes.get(attr);
      main =
          new Substituter(scope)
              .recipe((YamlMap) entry.value(), "recipe '" + attr + "' (" + who + ")");
      recipes.put(attr, new YamlMap.Entry(attr, entry.keyLocation(), main));
    } else if (spec instanceof PackageSpec.TemplateUse use) {
      attr = ownAttr;
      Template template = catalog.templates.get(use.template());
      Map<String, Object> params = params(template, use, scope, who);
      Scope inTemplate = scope.with("params", params);
      main =
          new Substituter(inTemplate)
              .recipe(template.recipe(), "template '" + template.name() + "' (" + who + ")");
      recipes.put(attr, new YamlMap.Entry(attr, template.recipeKeyLocation(), main));
    } else {
      PackageSpec.Inline inline = (PackageSpec.Inline) spec;
      attr = ownAttr;
      main = new Substituter(scope).recipe(inline.recipe(), who);
      recipes.put(attr, new YamlMap.Entry(attr, inline.location(), main));
    }
    addInputs(main, attr, spec, scope, who, recipes);
    SourceLocation at = spec.location();
    Map<String, YamlMap.Entry> top = new LinkedHashMap<>();
    top.put("recipes", new YamlMap.Entry("recipes", at, new YamlMap(at, recipes)));
    top.put(
        "default",
        new YamlMap.Entry("default", at, new YamlScalar(at, attr, YamlScalar.Kind.STRING, true)));
    try {
      RecipeFile recipeFile = RecipeFile.parse(new YamlMap(at, top), file);
      return new Result(recipeFile, recipeFile.recipes().get(attr));
    } catch (YamlException e) {
      String context =
          spec instanceof PackageSpec.TemplateUse use
              ? " (in template '" + use.template() + "', used by " + who + " at " + at + ")"
              : " (in " + who + ")";
      throw new YamlException(e.location(), e.problem() + context, e);
    }
  }

  /** Adds the catalog recipes the package takes as inputs, transitively, substituted. */
  private void addInputs(
      YamlMap main,
      String attr,
      PackageSpec spec,
      Scope scope,
      String who,
      Map<String, YamlMap.Entry> recipes)
      throws YamlException {
    Scope shared = scope.without("params", PARAMS_ONLY_IN_TEMPLATES);
    Deque<YamlMap> pending = new ArrayDeque<>(List.of(main));
    while (!pending.isEmpty()) {
      for (YamlScalar ref : inputRefs(pending.pop())) {
        String name = ref.text();
        if (name.equals(attr) && !(spec instanceof PackageSpec.RecipeRef)) {
          throw new YamlException(
              ref.location(),
              who
                  + " takes recipe '"
                  + name
                  + "' as input, which has the same name as the package itself; rename the"
                  + " recipe");
        }
        YamlMap.Entry entry = catalog.recipes.get(name);
        if (entry == null || recipes.containsKey(name)) {
          continue; // unknown names are reported by the recipe parser, at the reference
        }
        YamlMap copy =
            new Substituter(shared)
                .recipe((YamlMap) entry.value(), "recipe '" + name + "' (" + who + ")");
        recipes.put(name, new YamlMap.Entry(name, entry.keyLocation(), copy));
        pending.add(copy);
      }
    }
  }

  private static List<YamlScalar> inputRefs(YamlMap recipe) {
    List<YamlScalar> out = new ArrayList<>();
    Optional<YamlNode> inputs = recipe.get("inputs");
    List<YamlNode> nodes = new ArrayList<>();
    if (inputs.isPresent() && inputs.get() instanceof YamlList list) {
      nodes.addAll(list.items());
    } else if (inputs.isPresent() && inputs.get() instanceof YamlMap map) {
      map.entries().values().forEach(e -> nodes.add(e.value()));
    }
    for (YamlNode n : nodes) {
      if (n instanceof YamlScalar s
          && s.kind() != YamlScalar.Kind.NULL
          && !s.text().startsWith("/")) {
        out.add(s);
      }
    }
    return out;
  }

  private static Map<String, Object> params(
      Template template, PackageSpec.TemplateUse use, Scope scope, String who)
      throws YamlException {
    Scope outside = scope.without("params", PARAMS_ONLY_IN_TEMPLATES);
    Substituter substituter = new Substituter(outside);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Template.Param p : template.params().values()) {
      Optional<YamlNode> given = use.params().flatMap(m -> m.get(p.name()));
      YamlNode node = given.or(p::defaultValue).orElseThrow();
      String what =
          (given.isPresent() ? "parameter '" : "the default of parameter '")
              + p.name()
              + "' of template '"
              + template.name()
              + "' ("
              + who
              + ")";
      Object value = substituter.typed(node, what);
      if (p.type() == Template.ParamType.STRING
          && (value instanceof Long || value instanceof Boolean)
          && Expressions.mentionsExpression(node)) {
        // "${{ self.port }}" for a string parameter: the expression's number is wanted as text.
        value = value.toString();
      }
      if (!p.type().accepts(value)) {
        throw new YamlException(
            node.location(),
            what
                + " must be "
                + p.type().article
                + ", got "
                + Values.describe(value)
                + (Expressions.mentionsExpression(node)
                    ? ""
                    : ParamTypeHint.hint(p.type(), value)));
      }
      out.put(p.name(), value);
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
