package dev.cairn.store.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlReaderTest {
  private static final Path FILE = Path.of("f.yaml");

  private static YamlNode read(String text) throws YamlException {
    return YamlReader.read(text, FILE);
  }

  @Test
  void keepsOrderAndLocationsOfKeysAndValues() throws Exception {
    YamlMap map = (YamlMap) read("b: 1\na:\n  - x\n  - {y: z}\n");
    assertThat(map.entries().keySet()).containsExactly("b", "a");
    assertThat(map.location()).hasToString("f.yaml:1:1");
    assertThat(map.entry("a").orElseThrow().keyLocation()).hasToString("f.yaml:2:1");
    YamlList list = (YamlList) map.get("a").orElseThrow();
    assertThat(list.location()).hasToString("f.yaml:3:3");
    assertThat(list.items().get(0).location()).hasToString("f.yaml:3:5");
    YamlMap inner = (YamlMap) list.items().get(1);
    assertThat(inner.location()).hasToString("f.yaml:4:5");
    assertThat(inner.entry("y").orElseThrow().keyLocation()).hasToString("f.yaml:4:6");
    assertThat(inner.get("y").orElseThrow().location()).hasToString("f.yaml:4:9");
  }

  @Test
  void tellsQuotedStringsFromPlainScalars() throws Exception {
    YamlMap map =
        (YamlMap)
            read(
                "a: \"0755\"\nb: 0755\nc: '1.0'\nd: 1.10\ne: true\nf:\ng: plain\nh: |\n  block\n"
                    + "i: !!str 12\n");
    assertThat(scalar(map, "a")).isEqualTo(scalarOf(1, 4, "0755", YamlScalar.Kind.STRING, true));
    assertThat(scalar(map, "b")).isEqualTo(scalarOf(2, 4, "0755", YamlScalar.Kind.INTEGER, false));
    assertThat(scalar(map, "c").quoted()).isTrue();
    assertThat(scalar(map, "d")).isEqualTo(scalarOf(4, 4, "1.10", YamlScalar.Kind.FLOAT, false));
    assertThat(scalar(map, "e").kind()).isEqualTo(YamlScalar.Kind.BOOLEAN);
    assertThat(scalar(map, "f").kind()).isEqualTo(YamlScalar.Kind.NULL);
    assertThat(scalar(map, "g")).isEqualTo(scalarOf(7, 4, "plain", YamlScalar.Kind.STRING, false));
    assertThat(scalar(map, "h")).isEqualTo(scalarOf(8, 4, "block\n", YamlScalar.Kind.STRING, true));
    assertThat(scalar(map, "i").text()).isEqualTo("12");
    assertThat(scalar(map, "i").quoted()).isFalse();
  }

  @Test
  void readsJsonByExtensionOrContent(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("m.json");
    Files.writeString(json, "{\n  \"a\": [1, \"0755\"],\n  \"b\": null\n}\n");
    YamlMap map = (YamlMap) YamlReader.read(json);
    YamlList a = (YamlList) map.get("a").orElseThrow();
    assertThat(a.items().get(1)).isEqualTo(scalarAt(json, 2, 12, "0755", YamlScalar.Kind.STRING));
    assertThat(map.entry("b").orElseThrow().keyLocation()).hasToString(json + ":3:3");

    assertThatThrownBy(() -> YamlReader.read("{\"a\": 1,}", Path.of("noext")))
        .isInstanceOf(YamlException.class)
        .hasMessageStartingWith("noext:1:9: invalid syntax: Unexpected character ('}'");
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThatThrownBy(() -> read("a: 1\nb:\n  c: 1\n  c: 2\n"))
        .isInstanceOf(YamlException.class)
        .hasMessage("f.yaml:4:3: duplicate key 'c' (first at f.yaml:3:3); keep one");
    assertThatThrownBy(() -> YamlReader.read("{\"a\": 1, \"a\": 2}", Path.of("x.json")))
        .hasMessage("x.json:1:10: duplicate key 'a' (first at x.json:1:2); keep one");
  }

  @Test
  void rejectsAnchorsAndAliases() {
    assertThatThrownBy(() -> read("a: &x 1\nb: 2\n"))
        .hasMessage(
            "f.yaml:1:4: YAML anchors (&x) are not supported; write the value out where it is used");
    assertThatThrownBy(() -> read("a: 1\nb: *x\n")).hasMessageStartingWith("f.yaml:");
  }

  @Test
  void reportsSyntaxErrorsOnOneLine() {
    assertThatThrownBy(() -> read("a: 1\n\tb: 2\n"))
        .isInstanceOf(YamlException.class)
        .hasMessageStartingWith("f.yaml:2:1: invalid YAML: ")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> read("a: [1, 2\nb: 3\n"))
        .hasMessageStartingWith("f.yaml:")
        .hasMessageNotContaining("\n");
  }

  @Test
  void rejectsEmptyFilesAndSecondDocuments() {
    assertThatThrownBy(() -> read("# nothing\n"))
        .hasMessage("f.yaml:1:1: the file holds no document; expected YAML");
    assertThatThrownBy(() -> read("a: 1\n---\nb: 2\n"))
        .hasMessage("f.yaml:3:1: a second document starts here; put only one document in a file");
  }

  private static YamlScalar scalar(YamlMap map, String key) {
    return (YamlScalar) map.get(key).orElseThrow();
  }

  private static YamlScalar scalarOf(
      int line, int column, String text, YamlScalar.Kind kind, boolean quoted) {
    return new YamlScalar(new SourceLocation(FILE, line, column), text, kind, quoted);
  }

  private static YamlScalar scalarAt(
      Path file, int line, int column, String text, YamlScalar.Kind kind) {
    return new YamlScalar(new SourceLocation(file, line, column), text, kind, true);
  }
}
