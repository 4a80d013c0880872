package dev.cairn.model;

import dev.cairn.store.StorePath;
import dev.cairn.store.recipe.Recipe;
import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.Suggestions;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import dev.cairn.store.yaml.YamlValues;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The recipes and templates of all model files, in one namespace: a name defined twice, in one file
 * or two, is an error at the second definition.
 */
final class Catalog {
  final Map<String, YamlMap.Entry> recipes = new LinkedHashMap<>();
  final Map<String, Template> templates = new LinkedHashMap<>();
  private final Map<String, SourceLocation> defined = new LinkedHashMap<>();

  /** Adds the {@code recipes} and {@code templates} sections of a file, if present. */
  void add(YamlMapReader file) throws YamlException {
    Optional<YamlMapReader> recipeSection = file.optionalMap("recipes", "'recipes'");
    if (recipeSection.isPresent()) {
      for (YamlMap.Entry entry : recipeSection.get().map().entries().values()) {
        define(entry);
        YamlMapReader.of(entry.value(), "recipe '" + entry.key() + "'").allowOnly(Recipe.KEYS);
        recipes.put(entry.key(), entry);
      }
    }
    Optional<YamlMapReader> templateSection = file.optionalMap("templates", "'templates'");
    if (templateSection.isPresent()) {
      for (YamlMap.Entry entry : templateSection.get().map().entries().values()) {
        define(entry);
        templates.put(entry.key(), template(entry));
      }
    }
  }

  /** Every recipe and template name, in definition order. */
  Set<String> names() {
    return new LinkedHashSet<>(defined.keySet());
  }

  /** " (did you mean 'x'?) ; recipes and templates: a, b" for an unknown name. */
  String available(String typed) {
    String suggestion =
        Suggestions.closest(typed, defined.keySet())
            .map(s -> "; did you mean '" + s + "'?")
            .orElse(";");
    return defined.isEmpty()
        ? "; no recipes or templates are defined: add them under 'recipes' or 'templates'"
        : suggestion + " recipes and templates: " + String.join(", ", defined.keySet());
  }

  private void define(YamlMap.Entry entry) throws YamlException {
    try {
      StorePath.checkName(entry.key());
    } catch (IllegalArgumentException e) {
      throw new YamlException(
          entry.keyLocation(), "'" + entry.key() + "' is not a valid name: " + e.getMessage());
    }
    SourceLocation earlier = defined.putIfAbsent(entry.key(), entry.keyLocation());
    if (earlier != null) {
      throw new YamlException(
          entry.keyLocation(),
          "'"
              + entry.key()
              + "' is already defined at "
              + earlier
              + "; recipes and templates share one namespace, rename one");
    }
  }

  private static Template template(YamlMap.Entry entry) throws YamlException {
    String what = "template '" + entry.key() + "'";
    YamlMapReader r = YamlMapReader.of(entry.value(), what).allowOnly(Template.KEYS);
    YamlMapReader recipe = r.requiredMap("recipe", "recipe of " + what).allowOnly(Recipe.KEYS);
    Map<String, Template.Param> params = new LinkedHashMap<>();
    Optional<YamlNode> paramsNode = r.optional("params");
    if (paramsNode.isPresent() && !isNull(paramsNode.get())) {
      YamlMap map = YamlValues.map(paramsNode.get(), r.what("params") + " (name -> declaration)");
      for (YamlMap.Entry p : map.entries().values()) {
        params.put(p.key(), param(p, what));
      }
    }
    return new Template(
        entry.key(), params, recipe.map(), r.keyLocation("recipe"), entry.keyLocation());
  }

  private static Template.Param param(YamlMap.Entry entry, String template) throws YamlException {
    String what = "parameter '" + entry.key() + "' of " + template;
    if (!Names.isIdentifier(entry.key())) {
      throw new YamlException(
          entry.keyLocation(),
          what + ": '" + entry.key() + "' is not an identifier ([A-Za-z_][A-Za-z0-9_]*)");
    }
    YamlMapReader r = YamlMapReader.of(entry.value(), what).allowOnly(Template.PARAM_KEYS);
    String keyword = r.requiredString("type");
    Template.ParamType type =
        Template.ParamType.of(keyword)
            .orElseThrow(
                () ->
                    r.error(
                        "type",
                        r.what("type")
                            + " is '"
                            + keyword
                            + "'; use one of "
                            + String.join(", ", Template.ParamType.keywords())));
    Optional<YamlNode> defaultValue = r.optional("default");
    if (defaultValue.isPresent() && !Expressions.mentionsExpression(defaultValue.get())) {
      Object value = Values.of(defaultValue.get(), r.what("default"));
      if (!type.accepts(value)) {
        throw new YamlException(
            defaultValue.get().location(),
            "the default of "
                + what
                + " must be "
                + type.article
                + ", got "
                + Values.describe(value)
                + ParamTypeHint.hint(type, value));
      }
    }
    return new Template.Param(
        entry.key(), type, defaultValue, r.optionalString("description"), entry.keyLocation());
  }

  private static boolean isNull(YamlNode node) {
    return node instanceof YamlScalar s && s.kind() == YamlScalar.Kind.NULL;
  }
}
