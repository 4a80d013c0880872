package dev.cairn.model;

import dev.cairn.store.recipe.Recipe;
import dev.cairn.store.yaml.Suggestions;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import dev.cairn.store.yaml.YamlValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code pkg} (or an extra package) and checks what can be checked before distribution: the
 * names it refers to and the template parameters it gives.
 */
final class PackageSpecParser {
  static final List<String> USE_KEYS = List.of("template", "params");

  private final Catalog catalog;

  PackageSpecParser(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * @param inlineAllowed whether a recipe may be written in place
   */
  PackageSpec parse(YamlNode node, String what, boolean inlineAllowed) throws YamlException {
    if (node instanceof YamlScalar scalar && scalar.kind() != YamlScalar.Kind.NULL) {
      return byName(scalar, what);
    }
    if (node instanceof YamlMap map && (map.entries().containsKey("template") || !inlineAllowed)) {
      return templateUse(map, what);
    }
    if (node instanceof YamlMap map) {
      if (map.entries().containsKey("params")) {
        throw new YamlException(
            map.entry("params").get().keyLocation(),
            "'params' of " + what + " needs 'template: NAME' next to it");
      }
      List<String> allowed = new ArrayList<>(Recipe.KEYS);
      allowed.add("template");
      YamlMapReader.of(map, what + " (a recipe)").allowOnly(allowed);
      return new PackageSpec.Inline(map, map.location());
    }
    throw YamlValues.wrongType(
        node,
        what,
        inlineAllowed
            ? "a recipe or template name, {template: NAME, params: {…}}, or a recipe"
            : "a recipe or template name, or {template: NAME, params: {…}}");
  }

  private PackageSpec byName(YamlScalar scalar, String what) throws YamlException {
    String name = scalar.text();
    if (catalog.recipes.containsKey(name)) {
      return new PackageSpec.RecipeRef(name, scalar.location());
    }
    Template template = catalog.templates.get(name);
    if (template != null) {
      if (!template.needsNoParams()) {
        throw new YamlException(
            scalar.location(),
            what
                + ": template '"
                + name
                + "' needs parameters ("
                + missing(template, List.of())
                + "); write pkg: {template: "
                + name
                + ", params: {…}}");
      }
      return new PackageSpec.TemplateUse(name, Optional.empty(), scalar.location());
    }
    throw new YamlException(
        scalar.location(),
        what + " names '" + name + "', which is no recipe or template" + catalog.available(name));
  }

  private PackageSpec templateUse(YamlMap map, String what) throws YamlException {
    YamlMapReader r = YamlMapReader.of(map, what).allowOnly(USE_KEYS);
    String name = r.requiredString("template");
    Template template = catalog.templates.get(name);
    if (template == null) {
      String suggestion =
          Suggestions.closest(name, catalog.templates.keySet())
              .map(s -> "; did you mean '" + s + "'?")
              .orElse(";");
      String hint =
          catalog.recipes.containsKey(name)
              ? "; '" + name + "' is a recipe: write pkg: " + name
              : suggestion + " templates: " + String.join(", ", catalog.templates.keySet());
      throw r.error("template", what + ": there is no template '" + name + "'" + hint);
    }
    Optional<YamlMap> params = Optional.empty();
    if (r.has("params") && !isNull(r.required("params"))) {
      params = Optional.of(YamlValues.map(r.required("params"), r.what("params")));
    }
    checkParams(template, params, r, what);
    return new PackageSpec.TemplateUse(name, params, map.location());
  }

  private static void checkParams(
      Template template, Optional<YamlMap> given, YamlMapReader use, String what)
      throws YamlException {
    List<String> givenNames = new ArrayList<>();
    if (given.isPresent()) {
      for (YamlMap.Entry entry : given.get().entries().values()) {
        if (!template.params().containsKey(entry.key())) {
          throw new YamlException(entry.keyLocation(), unknownParam(template, entry.key(), what));
        }
        givenNames.add(entry.key());
      }
    }
    String missing = missing(template, givenNames);
    if (!missing.isEmpty()) {
      throw new YamlException(
          given.map(YamlMap::location).orElse(use.location()),
          what
              + ": template '"
              + template.name()
              + "' (at "
              + template.location()
              + ") needs parameter(s) "
              + missing
              + "; add them under 'params'");
    }
  }

  private static String unknownParam(Template template, String name, String what) {
    String suggestion =
        Suggestions.closest(name, template.params().keySet())
            .map(s -> "; did you mean '" + s + "'?")
            .orElse(";");
    String list =
        template.params().isEmpty()
            ? " it has no parameters"
            : " its parameters: " + String.join(", ", template.params().keySet());
    return what
        + ": template '"
        + template.name()
        + "' has no parameter '"
        + name
        + "'"
        + suggestion
        + list;
  }

  /** "port (int), name (string): the instance name" for the required ones not given. */
  private static String missing(Template template, List<String> given) {
    List<String> out = new ArrayList<>();
    for (Template.Param p : template.params().values()) {
      if (p.defaultValue().isEmpty() && !given.contains(p.name())) {
        out.add(
            "'"
                + p.name()
                + "' ("
                + p.type().keyword
                + p.description().map(d -> ": " + d).orElse("")
                + ")");
      }
    }
    return String.join(", ", out);
  }

  private static boolean isNull(YamlNode node) {
    return node instanceof YamlScalar s && s.kind() == YamlScalar.Kind.NULL;
  }
}
