package dev.cairn.store.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlMapReaderTest {
  private static YamlMapReader reader(String yaml) throws YamlException {
    return YamlMapReader.of(YamlReader.read(yaml, Path.of("m.yaml")), "service 'web'");
  }

  @Test
  void readsTypedValues() throws Exception {
    YamlMapReader r =
        reader("port: 8080\nenabled: true\nversion: 1.10\ntags: [a, 2]\nenv: {B: x, A: 1}\n");
    r.allowOnly(List.of("port", "enabled", "version", "tags", "env", "extra"));
    assertThat(r.requiredInt("port")).isEqualTo(8080);
    assertThat(r.bool("enabled", false)).isTrue();
    assertThat(r.bool("missing", true)).isTrue();
    assertThat(r.requiredString("version")).isEqualTo("1.10");
    assertThat(r.optionalString("extra")).isEmpty();
    assertThat(r.stringList("tags")).containsExactly("a", "2");
    assertThat(r.stringMap("env"))
        .containsExactly(java.util.Map.entry("B", "x"), java.util.Map.entry("A", "1"));
    assertThat(r.optionalMap("env", "env of service 'web'")).isPresent();
    assertThat(r.optionalInt("nope")).isEqualTo(Optional.empty());
  }

  @Test
  void errorsPointAtTheNode() throws Exception {
    YamlMapReader r = reader("port: eighty\nenabled: 1\nname: ~\nenv: {A: [x]}\n");
    assertThatThrownBy(() -> r.requiredInt("port"))
        .hasMessage("m.yaml:1:7: 'port' of service 'web' must be an integer, got a string");
    assertThatThrownBy(() -> r.bool("enabled", false))
        .hasMessage("m.yaml:2:10: 'enabled' of service 'web' must be true or false, got a number");
    assertThatThrownBy(() -> r.requiredString("name"))
        .hasMessage("m.yaml:3:7: 'name' of service 'web' must be a string, got null");
    assertThatThrownBy(() -> r.stringMap("env"))
        .hasMessage(
            "m.yaml:4:10: 'env' of service 'web' must be a map of strings, got a list here");
    assertThatThrownBy(() -> r.required("target"))
        .hasMessage("m.yaml:1:1: service 'web' is missing the required key 'target'");
    assertThatThrownBy(() -> r.allowOnly(List.of("port", "enabled", "name")))
        .isInstanceOf(YamlException.class)
        .hasMessage("m.yaml:4:1: unknown key 'env' in service 'web'; allowed: port, enabled, name");
  }

  @Test
  void suggestsOnlyLikelyTypos() {
    assertThat(Suggestions.closest("biuld", List.of("build", "src"))).contains("build");
    assertThat(Suggestions.closest("Inputs", List.of("inputs"))).contains("inputs");
    assertThat(Suggestions.closest("c", List.of("a", "b"))).isEmpty();
    assertThat(Suggestions.closest("colour", List.of("build", "src"))).isEmpty();
  }
}
