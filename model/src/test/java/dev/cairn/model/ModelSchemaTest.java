package dev.cairn.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.store.recipe.InlineFile;
import dev.cairn.store.recipe.Recipe;
import dev.cairn.store.recipe.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keeps {@code schemas/*.schema.json} in step with the keys the model parser accepts. */
class ModelSchemaTest {
  private static final List<String> SCHEMAS =
      List.of("services", "infrastructure", "distribution", "packages", "deployment");

  private static JsonNode read(String name) throws IOException {
    return new ObjectMapper().readTree(Path.of("../schemas/" + name + ".schema.json").toFile());
  }

  @ParameterizedTest
  @ValueSource(strings = {"services", "infrastructure", "distribution", "packages", "deployment"})
  void isDraft2020AndDocumentedForEditors(String name) throws IOException {
    JsonNode schema = read(name);

    assertThat(schema.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    List<String> undocumented = new ArrayList<>();
    findUndocumented(schema, schema, "", undocumented);
    assertThat(undocumented).isEmpty();
  }

  @Test
  void topLevelKeysMatch() throws IOException {
    assertThat(keys(read("services"))).isEqualTo(withSchema(ModelLoader.SERVICES_FILE_KEYS));
    assertThat(keys(read("packages"))).isEqualTo(withSchema(ModelLoader.PACKAGES_FILE_KEYS));
    assertThat(keys(read("deployment"))).isEqualTo(withSchema(ModelLoader.DEPLOYMENT_FILE_KEYS));
    assertThat(keys(read("infrastructure"))).containsExactly(ModelLoader.SCHEMA_KEY);
    assertThat(keys(read("distribution"))).containsExactly(ModelLoader.SCHEMA_KEY);
  }

  @Test
  void definitionKeysMatch() throws IOException {
    JsonNode schema = read("deployment");
    JsonNode defs = schema.path("$defs");

    assertThat(keys(defs.path("service"))).isEqualTo(new TreeSet<>(Service.KEYS));
    assertThat(keys(defs.path("target"))).isEqualTo(new TreeSet<>(Target.KEYS));
    assertThat(keys(defs.path("template"))).isEqualTo(new TreeSet<>(Template.KEYS));
    assertThat(keys(defs.path("templateParam"))).isEqualTo(new TreeSet<>(Template.PARAM_KEYS));
    assertThat(keys(defs.path("templateUse"))).isEqualTo(new TreeSet<>(PackageSpecParser.USE_KEYS));
    assertThat(keys(defs.path("recipe"))).isEqualTo(new TreeSet<>(Recipe.KEYS));
    assertThat(keys(objectForm(defs.at("/recipe/properties/files/additionalProperties"))))
        .isEqualTo(new TreeSet<>(InlineFile.KEYS));
    assertThat(keys(objectForm(defs.at("/recipe/properties/src"))))
        .isEqualTo(new TreeSet<>(Source.KEYS));
    assertThat(keys(objectForm(defs.path("distributionEntry"))))
        .isEqualTo(new TreeSet<>(DistributionParser.ENTRY_KEYS));
    assertThat(keys(objectForm(defs.path("distributionValue"))))
        .isEqualTo(new TreeSet<>(DistributionParser.KEYS));
    assertThat(strings(defs.at("/templateParam/properties/type/enum")))
        .isEqualTo(new TreeSet<>(Template.ParamType.keywords()));
    assertThat(strings(defs.at("/service/properties/requiresUniqueIdsFor/items/enum")))
        .isEqualTo(new TreeSet<>(Service.ID_KINDS));
  }

  @Test
  void sharedDefinitionsAreTheSameInEverySchema() throws IOException {
    JsonNode all = read("deployment").path("$defs");
    for (String name : SCHEMAS) {
      Iterator<Map.Entry<String, JsonNode>> defs = read(name).path("$defs").fields();
      while (defs.hasNext()) {
        Map.Entry<String, JsonNode> def = defs.next();
        assertThat(def.getValue())
            .as(name + " $defs/" + def.getKey())
            .isEqualTo(all.get(def.getKey()));
      }
    }
  }

  private static Set<String> withSchema(List<String> keys) {
    Set<String> out = new TreeSet<>(keys);
    out.add(ModelLoader.SCHEMA_KEY);
    return out;
  }

  private static Set<String> keys(JsonNode object) {
    Set<String> keys = new TreeSet<>();
    object.path("properties").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The one object form among a {@code oneOf}. */
  private static JsonNode objectForm(JsonNode node) {
    List<JsonNode> objects = new ArrayList<>();
    node.path("oneOf")
        .forEach(
            form -> {
              if (form.path("type").asText().equals("object") && form.has("properties")) {
                objects.add(form);
              }
            });
    assertThat(objects).hasSize(1);
    return objects.get(0);
  }

  /** Walks schema nodes only, so a property named "properties" is not taken for the keyword. */
  private static void findUndocumented(
      JsonNode root, JsonNode schema, String at, List<String> out) {
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode property = e.getValue();
              if (!property.has("description") && !resolve(root, property).has("description")) {
                out.add(at + "/properties/" + e.getKey());
              }
              findUndocumented(root, property, at + "/properties/" + e.getKey(), out);
            });
    schema
        .path("$defs")
        .fields()
        .forEachRemaining(
            e -> findUndocumented(root, e.getValue(), at + "/$defs/" + e.getKey(), out));
    for (String key : List.of("additionalProperties", "items", "not")) {
      if (schema.path(key).isObject()) {
        findUndocumented(root, schema.path(key), at + "/" + key, out);
      }
    }
    for (String key : List.of("oneOf", "anyOf", "allOf")) {
      for (int i = 0; i < schema.path(key).size(); i++) {
        findUndocumented(root, schema.path(key).get(i), at + "/" + key + "/" + i, out);
      }
    }
  }

  private static JsonNode resolve(JsonNode root, JsonNode node) {
    String ref = node.path("$ref").asText("");
    return ref.startsWith("#") ? resolve(root, root.at(ref.substring(1))) : node;
  }
}
