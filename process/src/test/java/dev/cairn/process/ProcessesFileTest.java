package dev.cairn.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.yaml.YamlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesFileTest {
  @TempDir Path dir;

  private ProcessesModel load(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("processes.yaml"), yaml);
    GlobalParams g = GlobalParams.derive(dir.resolve("state"), Map.of(), true, "cairn", "tester");
    return ProcessesFile.read(file).instantiate(g, IdAssignments.none());
  }

  private static String webapp(String name, int port) {
    return "  " + name + ":\n    constructor: webapp\n    params:\n      port: " + port + "\n";
  }

  @Test
  void twoInstancesOfOneConstructorCoexist() throws Exception {
    ProcessesModel m = load("instances:\n" + webapp("a", 5000) + webapp("b", 5001));
    assertThat(m.specs())
        .extracting(ProcessSpec::ports)
        .containsExactly(java.util.List.of(5000), java.util.List.of(5001));
    assertThat(m.specs().get(1).args()).contains("--name", "b", "5001");
  }

  @Test
  void aClashingThirdInstanceIsRejectedNamingBoth() {
    assertThatThrownBy(
            () -> load("instances:\n" + webapp("a", 5000) + webapp("b", 5001) + webapp("c", 5001)))
        .isInstanceOf(YamlException.class)
        .hasMessageContaining("instance 'c' (")
        .hasMessageContaining("processes.yaml:10:3")
        .hasMessageContaining("instance 'b' (")
        .hasMessageContaining("processes.yaml:6:3")
        .hasMessageContaining("port 5001");
  }

  @Test
  void proxiesDependOnTheirWebappsAndComeAfterThem() throws Exception {
    ProcessesModel m =
        load(
            "instances:\n  nginx:\n    constructor: nginxReverseProxyHostBased\n"
                + "    params: {port: 8080, webapps: [w1]}\n"
                + webapp("w1", 5000));
    assertThat(m.specs()).extracting(ProcessSpec::name).containsExactly("w1", "nginx");
    assertThat(m.specs().get(1).files().get("nginx.conf"))
        .contains("server_name w1.local;", "proxy_pass http://127.0.0.1:5000;");
  }

  @Test
  void unknownPlaceholdersAndParametersAreErrorsWithLocations() {
    assertThatThrownBy(
            () ->
                load(
                    "instances:\n  x:\n    params:\n      process: /bin/true\n"
                        + "      args: [\"${{ params.nope }}\"]\n"))
        .hasMessageContaining("processes.yaml:5:")
        .hasMessageContaining("unknown name 'params.nope'");
    assertThatThrownBy(
            () ->
                load(
                    "instances:\n  w:\n    constructor: webapp\n    params:\n" + "      prot: 1\n"))
        .hasMessageContaining("processes.yaml:5:7")
        .hasMessageContaining("did you mean 'port'");
    assertThatThrownBy(() -> load("instances:\n  w:\n    constructor: webapp\n"))
        .hasMessageContaining("missing the parameter 'port'");
  }

  @Test
  void userConstructorsAndCyclesAreChecked() throws Exception {
    String ctor =
        "constructors:\n  sleeper:\n    params:\n      seconds: {type: int, default: 5}\n"
            + "      after: {type: instance}\n"
            + "    process:\n      process: /bin/sleep\n      args: [\"${{ params.seconds }}\"]\n"
            + "      pidFile: \"${{ global.runtimeDir }}/${{ instanceName }}.pid\"\n";
    ProcessesModel m =
        load(
            ctor
                + "instances:\n  a:\n    constructor: sleeper\n"
                + "    params: {after: b}\n  b:\n    params: {process: /bin/true}\n");
    assertThat(m.specs().get(1).args()).containsExactly("5");
    assertThat(m.specs().get(1).pidFile()).endsWith("state/run/a.pid");
    assertThatThrownBy(
            () ->
                load(
                    ctor
                        + "instances:\n  a:\n    constructor: sleeper\n"
                        + "    params: {after: b}\n  b:\n    constructor: sleeper\n    params: {after: a}\n"))
        .hasMessageContaining("dependency cycle");
  }
}
