package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployments onto targets behind real sshd servers on loopback, each target with its own root: the
 * coordinator runs the system's ssh client, which runs {@code cairn agent --stdio} there.
 */
class SshDeployIT {
  @TempDir Path tmp;

  private SshTargets sshd;
  private Cairn coordinator;
  private final int port = ThreadLocalRandom.current().nextInt(20000, 30000);

  @BeforeEach
  void start() throws Exception {
    Cairn c = Cairn.at(tmp.resolve("coordinator"));
    sshd = SshTargets.in(tmp.resolve("ssh"), c.root().resolve("store").toString());
    coordinator = sshd.coordinator(c);
  }

  @AfterEach
  void stop() throws IOException {
    try {
      coordinator.run("deploy", "--undeploy", "--target-property", "sshAddress").ok();
    } finally {
      sshd.close();
    }
  }

  /** Hello-world with the server on {@code serverOn} and the client on b. */
  private Path helloWorld(String serverOn, String infrastructure) throws IOException {
    return HelloWorldModel.write(tmp.resolve("hw"), port, infrastructure, serverOn, "b");
  }

  private static String[] deploy(Path d, String... more) {
    List<String> a = new ArrayList<>();
    a.addAll(List.of("deploy", "--target-property", "sshAddress"));
    for (String f : List.of("services", "infrastructure", "distribution")) {
      a.add("--" + f);
      a.add(d.resolve(f + ".yaml").toString());
    }
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void helloWorldAcrossTwoTargetsFollowsTheServerAndANoOpCopiesNothing() throws Exception {
    SshTargets.Target a = sshd.start("a");
    SshTargets.Target b = sshd.start("b");
    String infra = a.entry("a") + b.entry("b");

    Path d = helloWorld("a", infra);
    Cairn.Result first = coordinator.run(deploy(d)).ok();
    assertThat(first.out()).contains("started hello-world-server on a", "transferred");
    assertThat(talk(b)).isEqualTo("Hello world!");
    assertThat(clientScript(b)).contains(a.host());
    long server = pid(a, "hello-world-server");

    helloWorld("b", infra);
    Cairn.Result moved = coordinator.run(deploy(d)).ok();
    assertThat(moved.out())
        .contains("stopped hello-world-server on a", "started hello-world-server on b")
        .contains("started hello-world-client on b");
    assertThat(clientScript(b)).contains(b.host()).doesNotContain(a.host());
    assertThat(talk(b)).isEqualTo("Hello world!");
    assertThat(a.root().resolve("targets/a/state/run/hello-world-server.pid")).doesNotExist();
    assertThat(TestProcs.alive(server)).isFalse();

    Cairn.Result again = coordinator.run(deploy(d, "--json")).ok();
    assertThat(again.out())
        .contains("\"bytesTransferred\" : 0")
        .contains("\"start\" : [ ]")
        .contains("\"stop\" : [ ]");
    // Both targets answered the profile check, so no agent session was opened, nothing locked.
    assertThat(again.stderr()).contains("[checking targets]").doesNotContain("[connecting]");
    // Each command of the three deployments rode the connection that the first one opened.
    assertThat(connectionsAccepted(a)).isEqualTo(1);
    assertThat(connectionsAccepted(b)).isEqualTo(1);

    // A target that lost its profile is noticed: the same no-op now opens sessions and sets it.
    Path lost = b.root().resolve("profiles/target-b-default");
    Path before = lost.toRealPath();
    Files.delete(lost);
    Cairn.Result repaired = coordinator.run(deploy(d)).ok();
    assertThat(repaired.stderr()).contains("[connecting]", "[setting profiles]");
    assertThat(lost.toRealPath()).isEqualTo(before);
    assertThat(talk(b)).isEqualTo("Hello world!");

    // The deployment recorded which property holds each target's address: undeploying needs no
    // --target-property (without it, the default would be hostname, which has no ssh port).
    Cairn.Result gone = coordinator.run("deploy", "--undeploy").ok();
    assertThat(gone.out()).contains("stopped hello-world-server on b");
    assertThat(b.root().resolve("targets/b/state/run/hello-world-server.pid")).doesNotExist();
  }

  @Test
  void anUnreachableTargetFailsBeforeAnyActivationNamingTheTargetAndSshsError() throws Exception {
    SshTargets.Target a = sshd.start("a");
    String nowhere = "root@" + sshd.unusedHost() + ":" + a.port();
    Path d = helloWorld("a", a.entry("a") + SshTargets.entry("b", "x", nowhere));

    Cairn.Result r = coordinator.run(deploy(d));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr())
        .contains("target 'b'", sshd.unusedHost(), "Connection refused")
        .doesNotContain("activate hello-world");
    assertThat(a.root().resolve("targets/a/state/run/hello-world-server.pid")).doesNotExist();
  }

  @Test
  void aTransferCutMidwayRegistersNothingAndTheNextDeployCompletes() throws Exception {
    SshTargets.Target a = sshd.start("a");
    SshTargets.Target b = sshd.start("b");
    Path d = helloWorld("a", a.entry("a") + b.entry("b"));
    Files.writeString(
        d.resolve("services.yaml"),
        Files.readString(d.resolve("services.yaml"))
            + "\n  big:\n    name: big\n    type: package\n    pkg:\n      build: |\n"
            + "        mkdir -p $out/share\n"
            + "        head -c 200000000 /dev/urandom > $out/share/big\n");
    Files.writeString(
        d.resolve("distribution.yaml"),
        Files.readString(d.resolve("distribution.yaml")) + "big: [a]\n");
    String big =
        coordinator.run(deploy(d, "--dry-run")).ok().lines().stream()
            .filter(l -> l.endsWith("-big"))
            .map(l -> l.replaceFirst("^would build ", ""))
            .findFirst()
            .orElseThrow();

    Process deploying = coordinator.start(null, deploy(d));
    List<Long> agents = awaitImport(a);
    agents.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    assertThat(deploying.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String err = new String(deploying.getErrorStream().readAllBytes());

    assertThat(deploying.exitValue()).as(err).isEqualTo(1);
    assertThat(err).contains("target 'a'").doesNotContain("activate hello-world");
    Cairn onA = new Cairn(a.root(), coordinator.root().resolve("store").toString());
    assertThat(onA.run("store", "path-info", big).exit()).isEqualTo(1);
    onA.run("store", "verify").ok();
    assertThat(a.root().resolve("targets/a/state/run/hello-world-server.pid")).doesNotExist();

    coordinator.run(deploy(d)).ok();
    assertThat(talk(b)).isEqualTo("Hello world!");
    onA.run("store", "path-info", big).ok();
  }

  /**
   * Waits until a's agent is receiving a closure (its import directory exists), returns its pid.
   */
  private static List<Long> awaitImport(SshTargets.Target a) throws Exception {
    Path tmp = a.root().resolve("tmp");
    for (int i = 0; i < 6000; i++) { // polled often: the kill must land within the transfer
      if (Files.isDirectory(tmp)) {
        try (var entries = Files.list(tmp)) {
          if (entries.anyMatch(p -> p.getFileName().toString().contains("import"))) {
            List<Long> agents = SshTargets.agents(a);
            if (!agents.isEmpty()) {
              return agents;
            }
          }
        }
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("no import started on " + a.name());
  }

  private static String clientScript(SshTargets.Target t) throws IOException {
    return Files.readString(
        t.root().resolve("profiles/target-" + t.name() + "-default/bin/hello-world-client"));
  }

  /** How many ssh connections {@code t}'s sshd has accepted (its log says each). */
  private static long connectionsAccepted(SshTargets.Target t) throws IOException {
    return Files.readAllLines(t.dir().resolve("sshd.log")).stream()
        .filter(l -> l.contains("Accepted publickey"))
        .count();
  }

  private static long pid(SshTargets.Target t, String service) throws IOException {
    Path file = t.root().resolve("targets/" + t.name() + "/state/run/" + service + ".pid");
    return Long.parseLong(Files.readString(file).trim());
  }

  private static String talk(SshTargets.Target t) throws Exception {
    return HelloWorldModel.talk(
        t.root().resolve("profiles/target-" + t.name() + "-default/bin/hello-world-client"),
        "hello");
  }
}
