package dev.cairn.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** External, wrapper, echo and package modules, called as Dysnomia calls them. */
class ExternalModuleIT {
  private static final String DUMP =
      "printf '%s\\n' \"$@\" > \"$DYSNOMIA_STATEDIR/args\"\n"
          + "env | grep -v -E '^(PWD|SHLVL|_)=' | sort > \"$DYSNOMIA_STATEDIR/env\"";

  @TempDir Path tmp;
  private Path modules;
  private Path component;
  private Path state;

  @BeforeEach
  void setUp() throws Exception {
    modules = Files.createDirectories(tmp.resolve("modules"));
    component = Files.createDirectories(tmp.resolve("abcdfghijklmnpqrsvwxyz0123456789-web-1.0"));
    state = tmp.resolve("state");
  }

  private ActivationRequest request(String type) {
    return ActivationRequest.of(Activity.ACTIVATE, type, component, state)
        .withContainer(new Container("db-1", Map.of("type", "dump", "dbPort", "3306")))
        .withEnvironment(Map.of("service", "web"));
  }

  @Test
  void externalModuleGetsActivityComponentContainerAndACleanEnvironment() throws Exception {
    Scripts.bash(modules.resolve("dump"), DUMP);
    Path log =
        Activator.fromEnvironment(Map.of("DYSNOMIA_MODULES_PATH", modules.toString()))
            .run(request("dump"));

    assertThat(state.resolve("args")).hasContent("activate\n" + component + "\ndb-1");
    assertThat(Files.readAllLines(state.resolve("env")))
        .containsExactly(
            "DYSNOMIA_STATEDIR=" + state,
            "PATH=" + System.getenv("PATH"),
            "dbPort=3306",
            "service=web");
    assertThat(log).startsWith(state.resolve("logs/web-1.0")).content().contains("dump");
  }

  @Test
  void cairnModulesPathComesFirstAndTheComponentCanShipItsModule() throws Exception {
    Path first = Files.createDirectories(tmp.resolve("first"));
    Scripts.bash(first.resolve("dump"), "echo first > \"$DYSNOMIA_STATEDIR/which\"");
    Scripts.bash(modules.resolve("dump"), "echo second > \"$DYSNOMIA_STATEDIR/which\"");
    Activator.fromEnvironment(
            Map.of(
                "CAIRN_MODULES_PATH",
                first.toString(),
                "DYSNOMIA_MODULES_PATH",
                modules.toString()))
        .run(request("dump"));
    assertThat(state.resolve("which")).hasContent("first");

    Scripts.bash(
        component.resolve("libexec/dysnomia/own"), "echo own > \"$DYSNOMIA_STATEDIR/which\"");
    Activator.create(List.of()).run(request("own"));
    assertThat(state.resolve("which")).hasContent("own");
  }

  @Test
  void unhandledActivitySucceedsAndFailureCarriesTheLog() throws Exception {
    Scripts.bash(
        modules.resolve("picky"),
        "case \"$1\" in activate) echo 'database is down' >&2; exit 2;; esac");
    Activator a = Activator.create(List.of(modules));
    a.run(request("picky").withActivity(Activity.SNAPSHOT));

    assertThatThrownBy(() -> a.run(request("picky")))
        .isInstanceOf(ActivationException.class)
        .isNotInstanceOf(LockRefusedException.class)
        .hasMessageContaining("exited with status 2")
        .hasMessageContaining("log: " + state.resolve("logs/web-1.0"))
        .satisfies(
            e -> assertThat(((ActivationException) e).logTail()).contains("database is down"));
  }

  @Test
  void nonZeroLockIsARefusal() throws Exception {
    Scripts.bash(modules.resolve("busy"), "[ \"$1\" = lock ] && { echo busy; exit 1; }; exit 0");
    Activator a = Activator.create(List.of(modules));
    assertThatThrownBy(() -> a.run(request("busy").withActivity(Activity.LOCK)))
        .isInstanceOf(LockRefusedException.class)
        .hasMessageContaining("refused the lock");
    a.run(request("busy").withActivity(Activity.UNLOCK));
  }

  @Test
  void timeoutKillsTheModulesWholeProcessGroup() throws Exception {
    // The timeout leaves a loaded machine room to start bash and write the group's number.
    Scripts.bash(
        modules.resolve("slow"), "echo $$ > \"$DYSNOMIA_STATEDIR/pgid\"\nsleep 300 &\nsleep 300");
    assertThatThrownBy(
            () ->
                Activator.create(List.of(modules))
                    .run(request("slow").withTimeout(Duration.ofMillis(2500))))
        .isInstanceOf(ActivationException.class)
        .hasMessageContaining("timed out after 2500 ms");
    long pgid = Long.parseLong(Files.readString(state.resolve("pgid")).trim());
    assertThat(ProcStat.group(pgid)).isEmpty();
  }

  @Test
  void unknownTypeSaysWhereItLooked() {
    assertThatThrownBy(() -> Activator.create(List.of(modules)).run(request("mysql-database")))
        .isInstanceOf(ActivationException.class)
        .hasMessageContaining("No activation module 'mysql-database'")
        .hasMessageContaining(modules.toString())
        .hasMessageContaining(component.resolve("libexec/dysnomia").toString())
        .hasMessageContaining("CAIRN_MODULES_PATH");
  }

  @Test
  void wrapperRunsTheComponentsWrapperForEveryActivity() throws Exception {
    Scripts.bash(component.resolve("bin/wrapper"), DUMP + "\n[ \"$1\" = lock ] && exit 1; exit 0");
    Activator a = Activator.create(List.of());
    a.run(request("wrapper").withActivity(Activity.COLLECT_GARBAGE));
    assertThat(state.resolve("args")).hasContent("collect-garbage\ndb-1");
    assertThat(state.resolve("env")).content().contains("dbPort=3306");
    assertThatThrownBy(() -> a.run(request("wrapper").withActivity(Activity.LOCK)))
        .isInstanceOf(LockRefusedException.class);
  }

  @Test
  void echoLogsAndPackageDoesNothing() throws Exception {
    Activator a = Activator.create(List.of());
    Path log = a.run(request("echo").withActivity(Activity.DEACTIVATE));
    assertThat(log).content().contains("deactivate", component.toString(), "db-1", "dbPort=3306");
    for (Activity act : Activity.values()) {
      a.run(request("package").withActivity(act));
    }
  }
}
