package dev.cairn.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code schemas/processes.schema.json} in step with the processes model parser: the keys of
 * every object equal the keys the parser accepts, every keyword of an enumeration parses, and every
 * property has a description for editor tooltips.
 */
class ProcessesSchemaTest {
  private static JsonNode schema;
  private static JsonNode defs;

  @TempDir Path dir;

  @BeforeAll
  static void readSchema() throws IOException {
    schema = new ObjectMapper().readTree(Path.of("../schemas/processes.schema.json").toFile());
    defs = schema.path("$defs");
  }

  @Test
  void isDraft2020AndClosed() {
    assertThat(schema.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void modelKeysMatch() {
    assertThat(keys(schema)).isEqualTo(sorted(ProcessesFile.KEYS));
    assertThat(keys(schema.at("/properties/global"))).isEqualTo(sorted(ProcessesFile.GLOBAL_KEYS));
    assertThat(keys(defs.path("instance"))).isEqualTo(sorted(ProcessesFile.INSTANCE_KEYS));
    assertThat(strings(defs.at("/instance/properties/requiresUniqueIdsFor/items/enum")))
        .isEqualTo(sorted(ProcessesFile.ID_KINDS));
    assertThat(keys(schema.at("/properties/idPools"))).isEqualTo(sorted(IdPool.KINDS));
    assertThat(keys(defs.path("idPool"))).isEqualTo(sorted(IdPool.KEYS));
  }

  @Test
  void constructorKeysMatch() {
    assertThat(keys(defs.path("constructor"))).isEqualTo(sorted(TemplateConstructor.KEYS));
    assertThat(keys(objectForm(defs.path("param"))))
        .isEqualTo(sorted(TemplateConstructor.PARAM_KEYS));
    for (String type : strings(defs.at("/paramType/enum"))) {
      assertThat(ParamSpec.Type.parse(type)).as(type).isNotNull();
    }
  }

  @Test
  void processDescriptionKeysMatch() {
    assertThat(keys(defs.path("process"))).isEqualTo(sorted(DescriptionParser.KEYS));
    assertThat(keys(objectForm(defs.path("dependency"))))
        .isEqualTo(sorted(DescriptionParser.DEPENDENCY_KEYS));
    assertThat(strings(defs.at("/dependency/oneOf/1/properties/condition/enum")))
        .isEqualTo(sorted(DescriptionParser.CONDITIONS));
    assertThat(keys(defs.path("readiness"))).isEqualTo(sorted(DescriptionParser.READINESS_KEYS));
    List<String> probes = new ArrayList<>();
    defs.at("/readiness/oneOf").forEach(form -> probes.add(form.at("/required/0").asText()));
    assertThat(probes).containsExactlyElementsOf(DescriptionParser.PROBES);
    assertThat(keys(objectForm(defs.path("restart"))))
        .isEqualTo(sorted(DescriptionParser.RESTART_KEYS));
    assertThat(strings(defs.at("/restartPolicy/enum")))
        .isEqualTo(sorted(DescriptionParser.POLICIES));
    assertThat(keys(defs.path("credentials")))
        .isEqualTo(sorted(DescriptionParser.CREDENTIALS_KEYS));
    assertThat(keys(defs.at("/credentials/properties/groups/additionalProperties")))
        .isEqualTo(sorted(DescriptionParser.GROUP_KEYS));
    assertThat(keys(defs.at("/credentials/properties/users/additionalProperties")))
        .isEqualTo(sorted(DescriptionParser.USER_KEYS));
    assertThat(keys(defs.path("overrides"))).isEqualTo(sorted(DescriptionParser.BACKENDS));
    Set<String> overridable = sorted(DescriptionParser.KEYS);
    overridable.remove("overrides");
    assertThat(keys(defs.path("managerOverride"))).isEqualTo(overridable);
  }

  @Test
  void everyKeywordOfTheSchemaParses() throws Exception {
    for (String policy : strings(defs.at("/restartPolicy/enum"))) {
      assertThatCode(() -> load("restart: " + policy)).as(policy).doesNotThrowAnyException();
    }
    for (String condition : strings(defs.at("/dependency/oneOf/1/properties/condition/enum"))) {
      String deps = "dependencies: [{name: other, condition: " + condition + "}]";
      assertThatCode(() -> load(deps)).as(condition).doesNotThrowAnyException();
    }
  }

  @Test
  void everyPropertyHasADescriptionForEditors() {
    List<String> undocumented = new ArrayList<>();
    findUndocumented(schema, "", undocumented);
    assertThat(undocumented).isEmpty();
  }

  /** A model with instance {@code p} (whose description ends with {@code line}) and "other". */
  private void load(String line) throws Exception {
    String yaml =
        "instances:\n"
            + "  other:\n    params: {process: /bin/true}\n"
            + "  p:\n    params:\n      process: /bin/true\n      "
            + line
            + "\n";
    Path file = Files.writeString(dir.resolve("processes.yaml"), yaml);
    GlobalParams g = GlobalParams.derive(dir.resolve("state"), Map.of(), true, "cairn", "tester");
    ProcessesFile.read(file).instantiate(g, IdAssignments.none());
  }

  private static void findUndocumented(JsonNode node, String at, List<String> out) {
    node.path("properties")
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().has("description") && !resolve(e.getValue()).has("description")) {
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
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      findUndocumented(node.get(i), at + "/" + i, out);
    }
  }

  /** The object alternative of a {@code oneOf}. */
  private static JsonNode objectForm(JsonNode node) {
    for (JsonNode form : node.path("oneOf")) {
      if (resolve(form).path("type").asText().equals("object")) {
        return resolve(form);
      }
    }
    throw new AssertionError("no object form in " + node);
  }

  private static Set<String> keys(JsonNode object) {
    Set<String> keys = new TreeSet<>();
    resolve(object).path("properties").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(n -> values.add(n.asText()));
    return values;
  }

  private static Set<String> sorted(Collection<String> values) {
    return new TreeSet<>(values);
  }

  private static JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText("");
    return ref.startsWith("#") ? resolve(schema.at(ref.substring(1))) : node;
  }
}
