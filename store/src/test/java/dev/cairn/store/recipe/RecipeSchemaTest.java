package dev.cairn.store.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps {@code schemas/recipe.schema.json} in step with the keys the parser accepts. */
class RecipeSchemaTest {
  private static JsonNode schema;

  @BeforeAll
  static void readSchema() throws IOException {
    schema = new ObjectMapper().readTree(Path.of("../schemas/recipe.schema.json").toFile());
  }

  @Test
  void isDraft2020() {
    assertThat(schema.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Test
  void topLevelKeysMatch() {
    assertThat(keys(schema)).containsExactlyInAnyOrderElementsOf(RecipeFile.KEYS);
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void recipeKeysMatch() {
    JsonNode recipe = resolve(schema.at("/properties/recipes/additionalProperties"));
    assertThat(keys(recipe)).containsExactlyInAnyOrderElementsOf(Recipe.KEYS);
    assertThat(recipe.path("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void fileEntryAndSrcKeysMatch() {
    JsonNode recipe = resolve(schema.at("/properties/recipes/additionalProperties"));
    JsonNode fileForms = recipe.at("/properties/files/additionalProperties/oneOf");
    List<JsonNode> objects = new ArrayList<>();
    fileForms.forEach(form -> objects.add(resolve(form)));
    assertThat(objects)
        .filteredOn(form -> form.path("type").asText().equals("object"))
        .singleElement()
        .satisfies(
            form -> assertThat(keys(form)).containsExactlyInAnyOrderElementsOf(InlineFile.KEYS));

    List<JsonNode> srcForms = new ArrayList<>();
    recipe.at("/properties/src/oneOf").forEach(form -> srcForms.add(resolve(form)));
    assertThat(srcForms)
        .filteredOn(form -> form.path("type").asText().equals("object"))
        .singleElement()
        .satisfies(form -> assertThat(keys(form)).containsExactlyInAnyOrderElementsOf(Source.KEYS));
  }

  @Test
  void reservedNamesMatch() {
    List<String> reserved = new ArrayList<>();
    schema.at("/$defs/identifier/not/enum").forEach(n -> reserved.add(n.asText()));
    assertThat(reserved).containsExactlyInAnyOrderElementsOf(Recipe.RESERVED_ENV);
  }

  @Test
  void everyPropertyHasADescriptionForEditors() {
    List<String> undocumented = new ArrayList<>();
    findUndocumented(schema, "", undocumented);
    assertThat(undocumented).isEmpty();
  }

  private static void findUndocumented(JsonNode node, String at, List<String> out) {
    node.path("properties")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode property = e.getValue();
              if (!property.has("description") && !resolve(property).has("description")) {
                out.add(at + "/" + e.getKey());
              }
            });
    node.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isContainerNode()) {
                findUndocumented(e.getValue(), at + "/" + e.getKey(), out);
              }
            });
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findUndocumented(node.get(i), at + "/" + i, out);
      }
    }
  }

  private static Set<String> keys(JsonNode object) {
    Set<String> keys = new java.util.TreeSet<>();
    object.path("properties").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** Follows a local {@code $ref} such as {@code #/$defs/recipe}. */
  private static JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText("");
    return ref.startsWith("#") ? resolve(schema.at(ref.substring(1))) : node;
  }
}
