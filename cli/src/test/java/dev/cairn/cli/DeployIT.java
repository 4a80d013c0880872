package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.Background;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployments onto this machine with the real command, real processes and real modules. */
class DeployIT {
  @TempDir Path tmp;

  private final List<Runnable> cleanups = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    AssertionError failed = null;
    for (Runnable cleanup : cleanups) { // each one, whatever the ones before did
      try {
        cleanup.run();
      } catch (AssertionError e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  private Cairn cairn(String root) {
    return undeployedAfter(Cairn.at(tmp.resolve(root)));
  }

  /**
   * Like {@link #cairn}, with the external activation modules in {@code modules}; the undeploy
   * after the test needs them too, or it fails and the processes outlive the test.
   */
  private Cairn cairnWithModules(Path modules) {
    return undeployedAfter(
        Cairn.at(tmp.resolve("root")).withEnv("CAIRN_MODULES_PATH", modules.toString()));
  }

  /** Undeploys after the test with {@code c} itself; a failed undeploy fails the test. */
  private Cairn undeployedAfter(Cairn c) {
    cleanups.add(() -> c.run("deploy", "--undeploy").ok());
    return c;
  }

  private static long pid(Cairn c, String service) throws IOException {
    Path file = c.root().resolve("targets/test1/state/run/" + service + ".pid");
    return Long.parseLong(Files.readString(file).trim());
  }

  /** A model of sleeping processes; {@code broken} exits at once; {@code tag} changes them all. */
  private Path sleepers(String dir, int count, int broken, String tag) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(dir));
    StringBuilder s = new StringBuilder("templates:\n  sleeper:\n    params:\n");
    s.append("      fail: {type: bool, default: false}\n      tag: {type: string}\n");
    s.append("      grace: {type: string, default: \"0.3\"}\n");
    s.append("    recipe:\n      files:\n");
    // The broken one gets a start period a loaded machine cannot outlast before it exits; the
    // process module sees the exit as it comes, so the deployment does not wait the minute.
    s.append("        etc/cairn/process.json:\n          text: |\n");
    s.append("            {\"program\": \"bin/run\", \"startSeconds\": ${{ params.grace }}}\n");
    s.append("        bin/run:\n          mode: \"0755\"\n");
    s.append("          text: |\n            #!/bin/sh\n            # ${{ params.tag }}\n");
    s.append("            if ${{ params.fail }}; then echo 'this one is broken' >&2; exit 1; fi\n");
    s.append("            sleep 100000 & wait\nservices:\n");
    StringBuilder dist = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      s.append("  s").append(i).append(":\n    name: s").append(i).append("\n    type: process\n");
      if (i > 1) {
        s.append("    dependsOn: [s").append(i - 1).append("]\n");
      }
      s.append("    pkg: {template: sleeper, params: {tag: \"").append(tag).append("\"");
      s.append(i == broken ? ", fail: true, grace: \"60\"" : "").append("}}\n");
      dist.append("s").append(i).append(": [test1]\n");
    }
    Files.writeString(d.resolve("services.yaml"), s);
    Files.writeString(d.resolve("distribution.yaml"), dist);
    Files.writeString(
        d.resolve("infrastructure.yaml"),
        "test1:\n  properties: {hostname: localhost}\n  clientInterface: local\n  numOfCores: 2\n");
    return d;
  }

  private static String[] deployArgs(Path d, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "deploy",
                "-s",
                d.resolve("services.yaml").toString(),
                "-i",
                d.resolve("infrastructure.yaml").toString(),
                "-d",
                d.resolve("distribution.yaml").toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void helloWorldAnswersAndAPortChangeRedeploysServerAndClientOnly() throws Exception {
    Path example =
        Path.of(System.getProperty("user.dir")).getParent().resolve("examples/hello-world");
    Path d = Files.createDirectories(tmp.resolve("hw"));
    for (String f : List.of("infrastructure.yaml", "distribution.yaml")) {
      Files.copy(example.resolve(f), d.resolve(f));
    }
    TestProcs.copyTree(example.resolve("src"), d.resolve("src"));
    String services =
        Files.readString(example.resolve("services.yaml")).replace("port: 5123", "port: 15123")
            + "\n  unrelated:\n    name: unrelated\n    type: process\n"
            + "    pkg: {files: {bin/run: {mode: \"0755\", text: \"#!/bin/sh\\nexec sleep 100000\\n\"}}}\n";
    Files.writeString(d.resolve("services.yaml"), services);
    Files.writeString(
        d.resolve("distribution.yaml"),
        Files.readString(d.resolve("distribution.yaml")) + "unrelated: [test1]\n");
    Cairn c = cairn("root");

    c.run(deployArgs(d)).ok();
    assertThat(talk(c, "hello")).isEqualTo("Hello world!");
    long server = pid(c, "hello-world-server");
    long unrelated = pid(c, "unrelated");

    Files.writeString(d.resolve("services.yaml"), services.replace("port: 15123", "port: 15124"));
    Cairn.Result r = c.run(deployArgs(d)).ok();
    assertThat(r.out())
        .contains("started hello-world-server", "started hello-world-client")
        .contains("stopped hello-world-server", "stopped hello-world-client")
        .doesNotContain("unrelated on");
    assertThat(talk(c, "hello")).isEqualTo("Hello world!");
    assertThat(pid(c, "unrelated")).isEqualTo(unrelated);
    assertThat(TestProcs.alive(server)).isFalse();
    assertThat(
            Files.readString(
                c.root().resolve("profiles/target-test1-default/bin/hello-world-client")))
        .contains("15124");
  }

  private static String talk(Cairn c, String line) throws Exception {
    return HelloWorldModel.talk(
        c.root().resolve("profiles/target-test1-default/bin/hello-world-client"), line);
  }

  @Test
  void aFailingThirdActivationRollsBackToThePreviousConfiguration() throws Exception {
    Cairn c = cairn("root");
    c.run(deployArgs(sleepers("v1", 5, 0, "one"))).ok();
    List<Long> before = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      before.add(pid(c, "s" + i));
    }
    Cairn.Result r = c.run(deployArgs(sleepers("v2", 5, 3, "two")));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr())
        .contains("service 's3' failed on target 'test1'")
        .contains("rolled back")
        .contains("this one is broken")
        .contains(c.root().resolve("targets/test1/state/logs/s3").toString());
    for (int i = 1; i <= 5; i++) {
      long now = pid(c, "s" + i);
      assertThat(TestProcs.alive(now)).as("s%d runs", i).isTrue();
      assertThat(ProcessHandle.of(now).flatMap(h -> h.info().arguments()).isPresent()).isTrue();
    }
    assertThat(c.run("deploy", "--list-generations").ok().lines()).hasSize(1);
    assertThat(c.run("query").ok().out()).containsPattern("(?m)^\\s+s5\\s");
  }

  @Test
  void aModuleThatRefusesToLockChangesNothing() throws Exception {
    Path modules = Files.createDirectories(tmp.resolve("modules"));
    Path refuser = modules.resolve("refuser");
    Files.writeString(refuser, "#!/bin/sh\n[ \"$1\" = lock ] && { echo busy; exit 1; }\nexit 0\n");
    refuser.toFile().setExecutable(true);
    Path d = sleepers("v1", 2, 0, "one");
    Files.writeString(
        d.resolve("services.yaml"),
        Files.readString(d.resolve("services.yaml"))
            + "  guard:\n    name: guard\n    type: refuser\n    pkg: {files: {x: y}}\n");
    Files.writeString(
        d.resolve("distribution.yaml"),
        Files.readString(d.resolve("distribution.yaml")) + "guard: [test1]\n");
    Cairn c = cairnWithModules(modules);
    c.run(deployArgs(d)).ok();
    long s1 = pid(c, "s1");
    Cairn.Result r = c.run(deployArgs(sleepers("v2", 2, 0, "two")));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr()).contains("guard").contains("lock");
    assertThat(pid(c, "s1")).isEqualTo(s1);
    assertThat(TestProcs.alive(s1)).isTrue();
    assertThat(c.run("deploy", "--list-generations").ok().lines()).hasSize(1);
    Files.writeString(refuser, "#!/bin/sh\nexit 0\n");
  }

  @Test
  void aSecondDeployOfTheSameProfileIsRefusedOtherProfilesProceed() throws Exception {
    // The module's activation waits at a gate the test opens, so the first deployment holds
    // its lock for as long as the test needs, however slow the machine.
    Path modules = Files.createDirectories(tmp.resolve("modules"));
    Path gate = tmp.resolve("gate");
    Path entered = tmp.resolve("entered");
    Path slow = modules.resolve("slow");
    Files.writeString(
        slow,
        "#!/bin/sh\nif [ \"$1\" = activate ]; then echo in >> "
            + entered
            + "; while [ ! -e "
            + gate
            + " ]; do sleep 0.1; done; fi\nexit 0\n");
    slow.toFile().setExecutable(true);
    Path d = tmp.resolve("slow");
    Files.createDirectories(d);
    Files.writeString(
        d.resolve("services.yaml"),
        "services:\n  slow:\n    name: slow\n    type: slow\n    pkg: {files: {x: y}}\n");
    Files.writeString(d.resolve("distribution.yaml"), "slow: [test1]\n");
    Files.writeString(
        d.resolve("infrastructure.yaml"),
        "test1:\n  properties: {hostname: localhost}\n  clientInterface: local\n");
    Cairn c = cairnWithModules(modules);
    c.run("store", "verify").ok();
    var first = CompletableFuture.supplyAsync(() -> c.run(deployArgs(d)), Background.threads());
    awaitLines(entered, 1);

    Cairn.Result second = c.run(deployArgs(d));
    assertThat(second.exit()).isEqualTo(1);
    assertThat(second.stderr()).contains("is being deployed by process").contains("--no-lock");

    var other =
        CompletableFuture.supplyAsync(
            () -> c.run(deployArgs(d, "--profile", "other")), Background.threads());
    awaitLines(entered, 2); // the other profile got past its lock while the first holds its own
    Files.createFile(gate);
    assertThat(first.join().exit()).isZero();
    assertThat(other.join().exit()).as(other.join().stderr()).isZero();
    cleanups.add(() -> c.run("deploy", "--undeploy", "--profile", "other").ok());
  }

  private static void awaitLines(Path file, int lines) throws Exception {
    for (int i = 0; i < 2400; i++) {
      if (Files.exists(file) && Files.readAllLines(file).size() >= lines) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(file + " never reached " + lines + " lines");
  }

  @Test
  void rollbackSwitchAndUndeployBringBackEarlierGenerations() throws Exception {
    Cairn c = cairn("root");
    c.run(deployArgs(sleepers("v1", 2, 0, "one"))).ok();
    String gen1Pkg = pkgOf(c, "s2");
    c.run(deployArgs(sleepers("v2", 2, 0, "two"))).ok();
    String gen2Pkg = pkgOf(c, "s2");
    assertThat(gen2Pkg).isNotEqualTo(gen1Pkg);

    assertThat(c.run("deploy", "--rollback").ok().out()).contains("generation 1");
    assertThat(pkgOf(c, "s2")).isEqualTo(gen1Pkg);
    assertThat(runningPkg(c, "s2")).contains(gen1Pkg);
    assertThat(Files.readSymbolicLink(c.root().resolve("profiles/coordinator-default")).toString())
        .isEqualTo("coordinator-default-1-link");

    c.run("deploy", "--switch-to-generation", "2").ok();
    assertThat(runningPkg(c, "s2")).contains(gen2Pkg);
    String dot = c.run("visualize").ok().out();
    assertThat(dot)
        .startsWith("digraph")
        .contains("label=\"test1\"")
        .contains("label=\"s2\"")
        .containsPattern("\"[^\"]*/test1/process\" -> \"[^\"]*/test1/process\"");
    Path svg = tmp.resolve("deployment.svg");
    c.run("visualize", "--svg", svg.toString()).ok();
    assertThat(Files.readString(svg)).contains("<svg");

    long s1 = pid(c, "s1");
    assertThat(c.run("deploy", "--undeploy").ok().out()).contains("generation 3");
    assertThat(TestProcs.alive(s1)).isFalse();
    assertThat(c.run("query").ok().out())
        .doesNotContainPattern("(?m)^\\s+s1\\s"); // a row, not a hash
    assertThat(c.run("deploy", "--list-generations").ok().lines()).hasSize(3);
  }

  private static String pkgOf(Cairn c, String service) {
    return c.run("query", "--json").ok().lines().stream()
        .filter(l -> l.contains("\"pkg\"") && l.contains("-" + service + "\""))
        .findFirst()
        .orElse("")
        .replaceAll(".*\"pkg\" : \"([^\"]*)\".*", "$1");
  }

  /**
   * Adds service {@code slow}, with the rest of its entry {@code entry}, to the model in {@code d}.
   */
  private static Path withSlow(Path d, String entry) throws IOException {
    Files.writeString(
        d.resolve("services.yaml"),
        Files.readString(d.resolve("services.yaml")) + "  slow:\n    name: slow\n    " + entry);
    Files.writeString(
        d.resolve("distribution.yaml"),
        Files.readString(d.resolve("distribution.yaml")) + "slow: [test1]\n");
    return d;
  }

  /** Shell that waits until {@code gate} exists, a minute at most. */
  private static String atGate(Path gate) {
    return "i=0; while [ ! -e " + gate + " ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done";
  }

  /**
   * Interrupts {@code deploy} as Ctrl-C does once {@code started} exists, opens {@code gate} once
   * it says it saw the interrupt, and returns its standard error when it has ended.
   */
  private static String interruptOnce(Process deploy, Path started, Path gate) throws Exception {
    for (int i = 0; i < 1200 && !Files.exists(started); i++) {
      Thread.sleep(50);
    }
    assertThat(started).as("the step to interrupt began").exists();
    new ProcessBuilder("kill", "-INT", Long.toString(deploy.pid())).start().waitFor();
    BufferedReader err =
        new BufferedReader(new InputStreamReader(deploy.getErrorStream(), StandardCharsets.UTF_8));
    StringBuilder stderr = new StringBuilder();
    for (String line; (line = err.readLine()) != null; ) {
      stderr.append(line).append('\n');
      if (line.startsWith("cairn: interrupted;")) {
        Files.createFile(gate);
      }
    }
    assertThat(deploy.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return stderr.toString();
  }

  /**
   * Ctrl-C before the transition (here while a package builds) changes no target: the deployment
   * stops once the build ends, says so, and the previous one runs on, untouched.
   */
  @Test
  void ctrlCWhileBuildingChangesNothing() throws Exception {
    Cairn c = cairn("root");
    Path v1 = sleepers("v1", 2, 0, "one");
    c.run(deployArgs(v1)).ok();
    long s2 = pid(c, "s2");
    Path started = tmp.resolve("building");
    Path gate = tmp.resolve("gate");
    Path v2 =
        withSlow(
            sleepers("v2", 2, 0, "two"),
            "type: package\n    pkg:\n      build: |\n        touch "
                + started
                + "; "
                + atGate(gate)
                + "\n        mkdir -p $out\n");

    Process deploy = c.start(null, deployArgs(v2));
    String stderr = interruptOnce(deploy, started, gate);

    assertThat(deploy.exitValue()).as(stderr).isEqualTo(130); // 128 + SIGINT, as the shell's
    assertThat(stderr)
        .contains("cairn: interrupted; stopping before any target changes")
        .contains("interrupted before it changed any target; nothing to roll back");
    assertThat(pid(c, "s2")).as("v1's s2 runs on").isEqualTo(s2);
    assertThat(TestProcs.alive(s2)).isTrue();
    assertThat(c.run("deploy", "--list-generations").ok().lines()).hasSize(1);
  }

  private static String runningPkg(Cairn c, String service) throws IOException {
    long pid = pid(c, service);
    String cmd = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
    return ProcessHandle.of(pid).isPresent() ? cmd : "";
  }

  @Test
  void ctrlCDuringActivationRollsBack() throws Exception {
    Path modules = Files.createDirectories(tmp.resolve("modules"));
    Path started = tmp.resolve("started");
    Path gate = tmp.resolve("gate");
    Path slow = modules.resolve("slow");
    // The activation holds at a gate the test opens once Cairn has said it saw the interrupt, so
    // the interrupt always lands during it (a minute at most, should the test not get there).
    Files.writeString(
        slow,
        "#!/bin/sh\n[ \"$1\" = activate ] && { touch "
            + started
            + "; "
            + atGate(gate)
            + "; }\nexit 0\n");
    slow.toFile().setExecutable(true);
    Cairn c = cairnWithModules(modules);
    Path v1 = sleepers("v1", 2, 0, "one");
    c.run(deployArgs(v1)).ok();
    long s2 = pid(c, "s2");
    Path v2 =
        withSlow(
            sleepers("v2", 2, 0, "two"),
            "type: slow\n    dependsOn: [s2]\n    pkg: {files: {x: y}}\n");
    Process deploy = c.start(null, deployArgs(v2));
    String stderr = interruptOnce(deploy, started, gate);
    assertThat(deploy.exitValue()).as(stderr).isEqualTo(130); // 128 + SIGINT, as the shell's
    assertThat(stderr)
        .contains("cairn: interrupted; letting the running activities finish, then rolling back")
        .contains("the deployment was interrupted")
        .contains("rolled back");
    assertThat(TestProcs.alive(pid(c, "s2"))).isTrue();
    assertThat(pid(c, "s2")).isNotEqualTo(s2); // restarted in its old form by the rollback
    assertThat(runningPkg(c, "s2")).contains("-s2");
    assertThat(c.run("deploy", "--list-generations").ok().lines()).hasSize(1);
    assertThat(
            c.run(
                    "deploy",
                    "--dry-run",
                    "--json",
                    "-s",
                    v1.resolve("services.yaml").toString(),
                    "-i",
                    v1.resolve("infrastructure.yaml").toString(),
                    "-d",
                    v1.resolve("distribution.yaml").toString())
                .ok()
                .out())
        .contains("\"start\" : [ ]")
        .contains("\"stop\" : [ ]");
  }

  @Test
  void anInvalidModelBuildsNothingAndStartsNothing() throws Exception {
    Path d = sleepers("bad", 2, 0, "x");
    Files.writeString(d.resolve("distribution.yaml"), "s1: [test1]\ns2: [nowhere]\n");
    Cairn c = cairn("root");
    Cairn.Result r = c.run(deployArgs(d));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr())
        .startsWith("error: " + d.resolve("distribution.yaml") + ":2:")
        .contains("nowhere");
    assertThat(c.root().resolve("targets")).doesNotExist();
    try (var s = Files.list(c.root().resolve("store"))) {
      assertThat(s).isEmpty();
    }
    Cairn.Result none = c.run("deploy", "--list-generations").ok();
    assertThat(none.out()).isEmpty();
    assertThat(none.stderr()).contains("no deployment of profile 'default' is recorded");
  }
}
