package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn activate} through the real command, with real child processes. */
class ActivateIT {
  @TempDir Path tmp;

  private static Path bash(Path file, String body) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void startsAndStopsAProcessByHand() throws Exception {
    Cairn cairn = Cairn.at(tmp.resolve("root"));
    Path component = tmp.resolve("server");
    bash(component.resolve("bin/server"), "sleep 300 &\nwhile true; do sleep 0.05; done");
    String[] common = {
      "--type", "process", "--component", component.toString(), "--service", "web"
    };

    Cairn.Result up =
        cairn.run(concat(List.of("activate", "--operation", "activate"), common)).ok();
    assertThat(up.out()).startsWith("log: " + tmp.resolve("root/state/logs/web"));
    Path pidFile = tmp.resolve("root/state/run/web.pid");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    try {
      assertThat(TestProcs.alive(pid)).isTrue();
      cairn.run(concat(List.of("activate", "-o", "activate"), common)).ok();
      assertThat(Files.readString(pidFile).trim()).isEqualTo(Long.toString(pid));
    } finally {
      cairn.run(concat(List.of("activate", "-o", "deactivate"), common)).ok();
    }
    assertThat(TestProcs.alive(pid)).isFalse();
    assertThat(pidFile).doesNotExist();
  }

  @Test
  void containerFileAndPropertiesReachAnExternalModule() throws Exception {
    Cairn cairn = Cairn.at(tmp.resolve("root"));
    Path module =
        bash(
            tmp.resolve("modules/dump"),
            "printf '%s\\n' \"$@\" > \"$DYSNOMIA_STATEDIR/args\"\nenv > \"$DYSNOMIA_STATEDIR/env\"");
    Files.createDirectories(tmp.resolve("root/containers"));
    Files.writeString(
        tmp.resolve("root/containers/db"), "type=" + module + "\ndbPort=3306\ndbUser=old\n");
    Path component = Files.createDirectories(tmp.resolve("schema"));

    cairn
        .run(
            "activate",
            "-o",
            "snapshot",
            "-c",
            component.toString(),
            "-C",
            "db",
            "--property",
            "dbUser=app")
        .ok();

    assertThat(tmp.resolve("root/state/args"))
        .hasContent("snapshot\n" + component.toRealPath() + "\ndb");
    assertThat(tmp.resolve("root/state/env"))
        .content()
        .contains("dbPort=3306", "dbUser=app")
        .doesNotContain("type=");
  }

  @Test
  void failureExitsOneWithTheLogTail() throws Exception {
    Cairn cairn = Cairn.at(tmp.resolve("root"));
    Path component = tmp.resolve("broken");
    bash(component.resolve("bin/broken"), "echo 'config file missing' >&2\nexit 4");
    // A start period a loaded machine cannot outlast before the program exits (seen at once).
    Files.createDirectories(component.resolve("etc/cairn"));
    Files.writeString(
        component.resolve("etc/cairn/process.json"),
        "{\"program\": \"bin/broken\", \"startSeconds\": 60}");

    Cairn.Result r =
        cairn.run("activate", "-t", "process", "-o", "activate", "-c", component.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr())
        .startsWith("error: activate of service 'broken'")
        .contains("log: " + tmp.resolve("root/state/logs/broken"), "  | ", "config file missing");
  }

  @Test
  void unknownOperationOrTypeIsExplained() throws Exception {
    Cairn cairn = Cairn.at(tmp.resolve("root"));
    Path component = Files.createDirectories(tmp.resolve("c"));
    Cairn.Result bad =
        cairn.run("activate", "-t", "echo", "-o", "start", "-c", component.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.stderr()).contains("Unknown activity 'start'");

    Cairn.Result unknown =
        cairn.run("activate", "-t", "nosuch", "-o", "activate", "-c", component.toString());
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.stderr()).contains("No activation module 'nosuch'");
  }

  private static String[] concat(List<String> first, String[] rest) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }
}
