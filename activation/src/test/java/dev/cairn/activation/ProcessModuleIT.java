package dev.cairn.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process module against real child processes, checked through /proc. */
class ProcessModuleIT {
  @TempDir Path tmp;

  private final Activator activator = Activator.create(java.util.List.of());
  private ActivationRequest started;

  @AfterEach
  void stopLeftovers() throws Exception {
    if (started != null) {
      activator.run(started.withActivity(Activity.DEACTIVATE));
    }
  }

  private ActivationRequest request(Path component) {
    return ActivationRequest.of(Activity.ACTIVATE, "process", component, tmp.resolve("state"))
        .withService("svc")
        .withContainer(new Container("process", Map.of("port", "8080", "type", "process")))
        .withEnvironment(Map.of("greeting", "hello world"));
  }

  private long pid() throws Exception {
    return Long.parseLong(Files.readString(tmp.resolve("state/run/svc.pid")).trim());
  }

  @Test
  void foregroundProgramStartsOnceAndStopsWithItsWholeGroup() throws Exception {
    Path component = tmp.resolve("loop");
    Scripts.bash(
        component.resolve("bin/loop"),
        // The environment is written last, and whole: once it is there, so is the rest.
        "sleep 300 &\necho started\nenv > \"$CAIRN_STATE_DIR/env.part\"\n"
            + "mv \"$CAIRN_STATE_DIR/env.part\" \"$CAIRN_STATE_DIR/env\"\n"
            + "while true; do sleep 0.05; done");
    ActivationRequest r = request(component);
    started = r;

    Path log = activator.run(r);
    long pid = pid();
    assertThat(ProcStat.running(pid, -1)).isTrue();
    Path env = Scripts.await(tmp.resolve("state/env"));
    assertThat(log)
        .startsWith(tmp.resolve("state/logs/svc"))
        .hasFileName(log.getFileName().toString());
    assertThat(log.getFileName().toString()).endsWith("-activate.log");
    assertThat(env)
        .content()
        .contains("port=8080", "greeting=hello world", "CAIRN_SERVICE=svc")
        .doesNotContain("type=process", "HOME=");

    activator.run(r);
    assertThat(pid()).as("second activate is a no-op").isEqualTo(pid);

    long pgid = ProcStat.of(pid).orElseThrow().pgrp();
    assertThat(pgid).isEqualTo(pid);
    assertThat(ProcStat.group(pgid)).hasSizeGreaterThanOrEqualTo(2); // the loop and its sleep
    activator.run(r.withActivity(Activity.DEACTIVATE));
    assertThat(ProcStat.group(pgid)).as("survivors of group %s", pgid).isEmpty();
    assertThat(tmp.resolve("state/run/svc.pid")).doesNotExist();
    assertThat(tmp.resolve("state/logs/svc.log")).content().contains("started");

    activator.run(r.withActivity(Activity.DEACTIVATE)); // stopping what does not run succeeds
    started = null;
  }

  @Test
  void daemonWritingItsOwnPidFileIsTracked() throws Exception {
    Path component = tmp.resolve("daemon");
    Scripts.bash(
        component.resolve("bin/daemond"),
        "( sleep 300 & while true; do sleep 0.05; done ) </dev/null >/dev/null 2>&1 &\n"
            + "echo $! > \"$1\"");
    Files.createDirectories(component.resolve("etc/cairn"));
    Files.writeString(
        component.resolve("etc/cairn/process.json"),
        "{\"program\": \"bin/daemond\", \"args\": [\"${CAIRN_RUNTIME_DIR}/own.pid\"],"
            + " \"daemon\": true, \"pidFile\": \"own.pid\", \"stopTimeoutSeconds\": 2}");
    ActivationRequest r = request(component);
    started = r;

    activator.run(r);
    long pid = pid();
    assertThat(Files.readString(tmp.resolve("state/run/own.pid")).trim())
        .isEqualTo(Long.toString(pid));
    assertThat(ProcStat.running(pid, -1)).isTrue();
    activator.run(r);
    assertThat(pid()).isEqualTo(pid);

    long pgid = ProcStat.of(pid).orElseThrow().pgrp();
    activator.run(r.withActivity(Activity.DEACTIVATE));
    assertThat(ProcStat.group(pgid)).isEmpty();
    assertThat(tmp.resolve("state/run/own.pid")).doesNotExist();
    assertThat(tmp.resolve("state/run/svc.pid")).doesNotExist();
    started = null;
  }

  @Test
  void programThatExitsAtOnceFailsWithItsLogTail() throws Exception {
    Path component = tmp.resolve("bad");
    Scripts.bash(component.resolve("bin/bad"), "echo 'cannot bind port 8080' >&2\nexit 3");
    // A start period a loaded machine cannot outlast before the program exits; the module sees
    // the exit as it comes, so the test does not wait the minute.
    Files.createDirectories(component.resolve("etc/cairn"));
    Files.writeString(
        component.resolve("etc/cairn/process.json"),
        "{\"program\": \"bin/bad\", \"startSeconds\": 60}");

    assertThatThrownBy(() -> activator.run(request(component)))
        .isInstanceOf(ActivationException.class)
        .hasMessageContaining("service 'svc'")
        .hasMessageContaining("exited within its start period")
        .satisfies(
            e -> {
              ActivationException ae = (ActivationException) e;
              assertThat(ae.logFile()).isPresent();
              assertThat(String.join("\n", ae.logTail())).contains("cannot bind port 8080");
            });
    assertThat(tmp.resolve("state/run/svc.pid")).doesNotExist();
  }

  @Test
  void componentWithoutAProgramIsExplained() throws Exception {
    Files.createDirectories(tmp.resolve("empty/bin"));
    assertThatThrownBy(() -> activator.run(request(tmp.resolve("empty"))))
        .isInstanceOf(ActivationException.class)
        .hasMessageContaining("0 executables in bin/")
        .hasMessageContaining("etc/cairn/process.json");
  }

  @Test
  void otherActivitiesDoNothing() throws Exception {
    Path component = tmp.resolve("bad");
    Scripts.bash(component.resolve("bin/bad"), "exit 3");
    for (Activity a : new Activity[] {Activity.LOCK, Activity.UNLOCK, Activity.SNAPSHOT}) {
      activator.run(request(component).withActivity(a));
    }
  }

  @Test
  void reusedPidIsNotMistakenForTheServiceNorSignalled() throws Exception {
    Path component = tmp.resolve("loop");
    Scripts.bash(component.resolve("bin/loop"), "while true; do sleep 0.05; done");
    ActivationRequest r = request(component);
    // A bystander leading a group of its own, whose PID the record claims with another start
    // time: the record is stale, and the bystander must be left alone.
    Process bystander = new ProcessBuilder("setsid", "sleep", "60").start();
    try {
      long other = bystander.pid();
      Files.createDirectories(tmp.resolve("state/run"));
      Files.writeString(
          tmp.resolve("state/run/svc.proc"),
          "pid="
              + other
              + "\npidStart=1\npgid="
              + other
              + "\npgidStart=1\nstopTimeoutMillis=100\n");
      started = r;

      activator.run(r);

      assertThat(pid()).isNotEqualTo(other);
      assertThat(bystander.isAlive()).isTrue();
    } finally {
      bystander.destroyForcibly();
    }
  }

  @Test
  void daemonThatNeverDetachesIsBoundedByTheTimeout() throws Exception {
    Path component = tmp.resolve("stuck");
    Scripts.bash(
        component.resolve("bin/stuck"), "echo $$ > \"$CAIRN_RUNTIME_DIR/stuck.pgid\"\nsleep 300");
    Files.createDirectories(component.resolve("etc/cairn"));
    Files.writeString(
        component.resolve("etc/cairn/process.json"),
        "{\"program\": \"bin/stuck\", \"daemon\": true}");

    // The timeout leaves a loaded machine room to start bash and write the group's number.
    assertThatThrownBy(() -> activator.run(request(component).withTimeout(Duration.ofSeconds(3))))
        .isInstanceOf(ActivationException.class)
        .hasMessageContaining("did not exit in time");

    long pgid = Long.parseLong(Files.readString(tmp.resolve("state/run/stuck.pgid")).trim());
    assertThat(ProcStat.group(pgid)).isEmpty();
  }
}
