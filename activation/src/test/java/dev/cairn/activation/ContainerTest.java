package dev.cairn.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerTest {
  @TempDir Path tmp;

  @Test
  void readsDysnomiaContainerFiles() throws Exception {
    Files.writeString(
        tmp.resolve("mysql"),
        "# a comment\ntype=mysql-database\nmysqlPort=3306\n\nmysqlPassword=\"s3cret x\"\n");
    Container c = Container.find("mysql", List.of(tmp.resolve("none"), tmp)).orElseThrow();
    assertThat(c.name()).isEqualTo("mysql");
    assertThat(c.type()).contains("mysql-database");
    assertThat(c.environment())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("mysqlPassword", "s3cret x", "mysqlPort", "3306"));
    assertThat(Container.find("other", List.of(tmp))).isEmpty();
  }

  @Test
  void badLineNamesFileAndLine() throws Exception {
    Files.writeString(tmp.resolve("c"), "a=1\nnot a property\n");
    assertThatThrownBy(() -> Container.read("c", tmp.resolve("c")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(tmp.resolve("c") + ":2:");
  }

  @Test
  void recordsValidate() {
    assertThatThrownBy(() -> new Container("a/b", Map.of())).hasMessageContaining("'a/b'");
    assertThatThrownBy(() -> new Container("a", Map.of("bad-key", "x")))
        .hasMessageContaining("'bad-key'");
    assertThatThrownBy(() -> Activity.parse("start")).hasMessageContaining("'start'");
    assertThat(Activity.parse("collect-garbage")).isEqualTo(Activity.COLLECT_GARBAGE);
    assertThatThrownBy(
            () ->
                ActivationRequest.of(Activity.ACTIVATE, "echo", Path.of("/x"), Path.of("/s"))
                    .withService(".."))
        .hasMessageContaining("'..'");
    assertThat(
            ActivationRequest.componentName(
                Path.of("/nix/store/abcdfghijklmnpqrsvwxyz0123456789-hello-2.1")))
        .isEqualTo("hello-2.1");
  }
}
