package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One infrastructure model mixing transports: two targets behind real sshd servers, one behind a
 * real HTTPS agent ({@code cairn agent --listen}), and the coordinator's own machine in-process.
 */
class RemoteDeployIT {
  private static final String TOKEN = "tok-" + Long.toHexString(System.nanoTime()) + "-secret";

  @TempDir Path tmp;

  private SshTargets sshd;
  private HttpsAgent https;
  private Cairn coordinator;
  private Path infra;
  private final int port = ThreadLocalRandom.current().nextInt(20000, 30000);

  @BeforeEach
  void start() throws Exception {
    Cairn c = Cairn.at(tmp.resolve("coordinator"));
    String storeDir = c.root().resolve("store").toString();
    sshd = SshTargets.in(tmp.resolve("ssh"), storeDir);
    coordinator = sshd.coordinator(c);
    https = HttpsAgent.start(tmp.resolve("https"), storeDir, TOKEN);
  }

  @AfterEach
  void stop() throws IOException {
    try {
      if (infra != null) {
        coordinator.run(deploy(infra.getParent(), "--undeploy")).ok();
      }
    } finally {
      sshd.close();
      https.close();
    }
  }

  private Path helloWorld(String serverOn, String infrastructure) throws IOException {
    Path d = HelloWorldModel.write(tmp.resolve("hw"), port, infrastructure, serverOn, "b, c, d");
    infra = d.resolve("infrastructure.yaml");
    return d;
  }

  private String http(String name, Path tokenFile) {
    return name
        + ":\n  properties: {hostname: \"127.0.0.1\", targetEPR: \""
        + https.url
        + "\", certFingerprint: \""
        + https.fingerprint
        + "\", tokenFile: \""
        + tokenFile
        + "\"}\n  clientInterface: http\n  targetProperty: targetEPR\n";
  }

  private static String local(String name) {
    return name + ":\n  properties: {hostname: localhost}\n  clientInterface: local\n";
  }

  private static String[] deploy(Path d, String... more) {
    return deployWith(d, d.resolve("infrastructure.yaml"), more);
  }

  private static String[] deployWith(Path d, Path infrastructure, String... more) {
    List<String> a = new ArrayList<>();
    a.addAll(List.of("deploy", "--target-property", "sshAddress"));
    a.addAll(List.of("--services", d.resolve("services.yaml").toString()));
    a.addAll(List.of("--infrastructure", infrastructure.toString()));
    a.addAll(List.of("--distribution", d.resolve("distribution.yaml").toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void helloWorldOverSshHttpsAndLocalFollowsTheServerAndRefusesAWrongToken() throws Exception {
    SshTargets.Target a = sshd.start("a");
    SshTargets.Target b = sshd.start("b");
    String model = a.entry("a") + b.entry("b") + http("c", https.tokenFile) + local("d");
    Path d = helloWorld("a", model);
    Path bRoot = b.root();
    Path cRoot = https.root;
    Path dRoot = coordinator.root();

    coordinator.run(deploy(d)).ok();
    for (Path root : List.of(bRoot, cRoot, dRoot)) {
      assertThat(talk(root, root == bRoot ? "b" : root == cRoot ? "c" : "d"))
          .isEqualTo("Hello world!");
    }
    long onA = pid(a.root(), "a");

    helloWorld("c", model);
    Cairn.Result moved = coordinator.run(deploy(d)).ok();
    assertThat(moved.out())
        .contains("stopped hello-world-server on a", "started hello-world-server on c");
    assertThat(clientScript(bRoot, "b")).contains("127.0.0.1 " + port).doesNotContain(a.host());
    assertThat(talk(bRoot, "b")).isEqualTo("Hello world!");
    assertThat(talk(dRoot, "d")).isEqualTo("Hello world!");
    assertThat(a.root().resolve("targets/a/state/run/hello-world-server.pid")).doesNotExist();
    assertThat(TestProcs.alive(onA)).isFalse();
    long onC = pid(cRoot, "c");

    refusesAWrongToken(d, model, a, onC);
    captureInfraDeploysUnchanged(d, b);
    Cairn.Result gc =
        coordinator
            .run("collect-garbage", "-i", infra.toString(), "-d", "--target-property", "sshAddress")
            .ok();
    assertThat(gc.out()).contains("a: deleted", "b: deleted", "c: deleted", "d: deleted");
    assertThat(talk(bRoot, "b")).isEqualTo("Hello world!");
  }

  private void refusesAWrongToken(Path d, String model, SshTargets.Target a, long onC)
      throws Exception {
    Path profile = https.root.resolve("profiles/target-c-default");
    Path before = Files.readSymbolicLink(profile);
    String wrong = "not-" + TOKEN;
    Path wrongFile = Files.writeString(tmp.resolve("wrong-token"), wrong);
    helloWorld("a", model.replace(https.tokenFile.toString(), wrongFile.toString()));

    Cairn.Result refused = coordinator.run(deploy(d));

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.stderr()).contains("target 'c'", "HTTP 401").doesNotContain(wrong);
    assertThat(Files.readSymbolicLink(profile)).isEqualTo(before);
    assertThat(TestProcs.alive(onC)).isTrue();
    assertThat(a.root().resolve("targets/a/state/run/hello-world-server.pid")).doesNotExist();
    assertThat(https.log()).contains("refused a request").doesNotContain(wrong);
    assertThat(https.log()).doesNotContain(TOKEN);
    helloWorld("c", model);
  }

  private void captureInfraDeploysUnchanged(Path d, SshTargets.Target b) throws Exception {
    Files.createDirectories(b.root().resolve("containers"));
    Files.writeString(b.root().resolve("containers/mysql-database"), "mysqlPort=3306\n");
    Cairn.Result captured =
        coordinator.run("capture-infra", infra.toString(), "--target-property", "sshAddress").ok();
    assertThat(captured.out())
        .contains("mysql-database", "mysqlPort", "clientInterface: http", "numOfCores")
        .doesNotContain(TOKEN);
    Path capturedFile = Files.write(tmp.resolve("captured.yaml"), captured.stdout());

    Cairn.Result again = coordinator.run(deployWith(d, capturedFile, "--json")).ok();

    assertThat(again.out())
        .contains("\"bytesTransferred\" : 0")
        .contains("\"start\" : [ ]")
        .contains("\"stop\" : [ ]");
  }

  @Test
  void copyClosureSendsOnlyWhatIsMissing() throws Exception {
    SshTargets.Target a = sshd.start("a");
    Path file = Files.writeString(tmp.resolve("greeting"), "hello\n");
    String path = coordinator.run("store", "add", file.toString()).ok().out().strip();

    Cairn.Result first = coordinator.run("copy-closure", "--to", a.address(), path).ok();
    Cairn.Result second = coordinator.run("copy-closure", "--to", a.address(), path).ok();

    assertThat(first.out()).contains("copied 1 of 1 paths to " + a.address());
    assertThat(second.out()).contains("copied 0 of 1 paths");
    new Cairn(a.root(), coordinator.root().resolve("store").toString())
        .run("store", "path-info", path)
        .ok();
  }

  /**
   * A connection shared between commands whose far end stopped answering (its sshd processes are
   * frozen here, as a dropped route or a suspended machine would leave it) does not fail the next
   * command: its master gives up after ssh's keepalive probes, and ssh connects anew.
   */
  @Test
  void aSharedConnectionThatStoppedAnsweringGivesWayToANewOne() throws Exception {
    SshTargets.Target a = sshd.start("a");
    String first = coordinator.run("store", "add", write("one")).ok().out().strip();
    String second = coordinator.run("store", "add", write("two")).ok().out().strip();
    coordinator.run("copy-closure", "--to", a.address(), first).ok(); // leaves its connection open
    List<ProcessHandle> frozen = a.sshd().orElseThrow().descendants().toList(); // that connection's
    assertThat(frozen).isNotEmpty();
    signal("-STOP", frozen);
    try {
      Cairn.Result copy = coordinator.run("copy-closure", "--to", a.address(), second).ok();

      assertThat(copy.out()).contains("copied 1 of 1 paths to " + a.address());
      assertThat(frozen).allMatch(ProcessHandle::isAlive); // served by another connection
    } finally {
      signal("-CONT", frozen);
    }
  }

  private String write(String name) throws IOException {
    return Files.writeString(tmp.resolve(name), name + "\n").toString();
  }

  private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("kill", signal));
    processes.forEach(p -> cmd.add(Long.toString(p.pid())));
    assertThat(new ProcessBuilder(cmd).inheritIO().start().waitFor()).isZero();
  }

  private static String clientScript(Path root, String target) throws IOException {
    return Files.readString(
        root.resolve("profiles/target-" + target + "-default/bin/hello-world-client"));
  }

  private static long pid(Path root, String target) throws IOException {
    Path file = root.resolve("targets/" + target + "/state/run/hello-world-server.pid");
    return Long.parseLong(Files.readString(file).trim());
  }

  private static String talk(Path root, String target) throws Exception {
    return HelloWorldModel.talk(
        root.resolve("profiles/target-" + target + "-default/bin/hello-world-client"), "hello");
  }
}
