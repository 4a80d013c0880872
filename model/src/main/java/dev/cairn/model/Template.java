package dev.cairn.model;

import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parameterised recipe, the counterpart of the seeds' constructor functions: its recipe may use
 * {@code ${{ params.NAME }}} besides the service's own context.
 *
 * @param name the template's key under {@code templates}
 * @param params the parameters in written order
 * @param recipe the recipe body, with expressions unresolved
 * @param recipeKeyLocation where {@code recipe:} is written
 * @param location where the template's key is written
 */
record Template(
    String name,
    Map<String, Param> params,
    YamlMap recipe,
    SourceLocation recipeKeyLocation,
    SourceLocation location) {
  /** The keys a template may have. */
  static final List<String> KEYS = List.of("description", "params", "recipe");

  /** The keys a template parameter may have. */
  static final List<String> PARAM_KEYS = List.of("type", "default", "description");

  Template {
    params = Values.copy(params);
  }

  /** Whether the template can be used by name alone: every parameter has a default. */
  boolean needsNoParams() {
    return params.values().stream().allMatch(p -> p.defaultValue().isPresent());
  }

  /**
   * One parameter.
   *
   * @param defaultValue the default as written (may hold expressions, evaluated per use)
   */
  record Param(
      String name,
      ParamType type,
      Optional<YamlNode> defaultValue,
      Optional<String> description,
      SourceLocation location) {}

  /** The types a parameter may declare. */
  enum ParamType {
    STRING("string", "a string"),
    INT("int", "an integer"),
    BOOL("bool", "a boolean"),
    LIST("list", "a list"),
    MAP("map", "a map");

    final String keyword;
    final String article;

    ParamType(String keyword, String article) {
      this.keyword = keyword;
      this.article = article;
    }

    boolean accepts(Object value) {
      return switch (this) {
        case STRING -> value instanceof String;
        case INT -> value instanceof Long;
        case BOOL -> value instanceof Boolean;
        case LIST -> value instanceof List<?>;
        case MAP -> value instanceof Map<?, ?>;
      };
    }

    static Optional<ParamType> of(String keyword) {
      for (ParamType t : values()) {
        if (t.keyword.equals(keyword)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }

    static List<String> keywords() {
      return java.util.Arrays.stream(values()).map(t -> t.keyword).toList();
    }
  }
}
