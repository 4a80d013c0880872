package dev.cairn.model;

import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlMap;
import java.util.Optional;

/** A {@code pkg} as written: a recipe's name, a template's use, or a recipe written in place. */
sealed interface PackageSpec {
  /** Where the spec is written. */
  SourceLocation location();

  /** {@code pkg: NAME}, naming a recipe. */
  record RecipeRef(String name, SourceLocation location) implements PackageSpec {}

  /**
   * {@code pkg: {template: NAME, params: {…}}}, or {@code pkg: NAME} naming a template whose
   * parameters all have defaults.
   */
  record TemplateUse(String template, Optional<YamlMap> params, SourceLocation location)
      implements PackageSpec {}

  /** {@code pkg: {build: …, files: …}}: a recipe written in place. */
  record Inline(YamlMap recipe, SourceLocation location) implements PackageSpec {}
}
