package dev.cairn.process.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.process.GlobalParams;
import dev.cairn.process.ProcessSpec;
import dev.cairn.process.ProcessSpec.Condition;
import dev.cairn.process.ProcessSpec.Dependency;
import dev.cairn.process.ProcessSpec.Policy;
import dev.cairn.process.ProcessSpec.ProbeKind;
import dev.cairn.process.ProcessSpec.Readiness;
import dev.cairn.process.ProcessSpec.Restart;
import dev.cairn.process.ProcessStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded supervisor's own behaviours with real processes: restart policies, readiness-gated
 * dependencies, process-group shutdown, and a supervisor killed with SIGKILL taking over its
 * processes again. Each test marks its processes with an environment variable, and no process with
 * that mark may survive it.
 */
class SupervisorIT {
  private static final long TIMEOUT = 20_000;

  @TempDir Path tmp;
  private final String mark = "CAIRN_TEST_MARK=" + UUID.randomUUID();
  private GlobalParams global;
  private Supervisor inJvm;
  private SupervisorClient daemon;

  @BeforeEach
  void setUp() throws IOException {
    global = GlobalParams.derive(tmp.resolve("state"), Map.of(), true, "cairn", "tester");
    Files.createDirectories(tmp.resolve("sup"));
  }

  @AfterEach
  void nothingSurvives() throws Exception {
    if (inJvm != null) {
      inJvm.stopAll();
    }
    if (daemon != null) {
      var pid = daemon.pid();
      daemon.shutdown();
      if (pid.isPresent()) {
        await(() -> !Procs.alive(pid.get()));
      }
    }
    List<Long> survivors = Procs.withEnvironment(mark);
    List<Long> daemons = Procs.withCommandLine(SupervisorClient.directory(global).toString());
    survivors.forEach(Procs::kill);
    daemons.forEach(Procs::kill);
    assertThat(survivors).as("processes left behind").isEmpty();
    assertThat(daemons).as("supervisors left behind").isEmpty();
  }

  @Test
  void onFailureRestartsWithGrowingBackoffUntilItsLimit() throws Exception {
    Path runs = tmp.resolve("runs");
    ProcessSpec failing =
        spec(
            "failing",
            "date +%s%N >> " + runs + "; exit 3",
            new Restart(Policy.ON_FAILURE, 200, 3));

    supervisor().apply(global, List.of(failing), TIMEOUT);
    await(() -> state("failing").equals("FAILED"));

    List<Long> starts = Files.readAllLines(runs).stream().map(Long::parseLong).toList();
    assertThat(starts).hasSize(4); // the first run and three restarts
    for (int i = 1; i < starts.size(); i++) {
      long gapMillis = (starts.get(i) - starts.get(i - 1)) / 1_000_000;
      assertThat(gapMillis).as("gap before restart %d", i).isGreaterThanOrEqualTo(200L << (i - 1));
    }
    assertThat(status("failing").restarts()).isEqualTo(3);
    assertThat(status("failing").message()).contains("status 3", "after 3 restarts");
  }

  @Test
  void policyNoAndACleanExitUnderOnFailureAreNotRestarted() throws Exception {
    Path runs = tmp.resolve("runs");
    ProcessSpec no = spec("no", "echo no >> " + runs + "; exit 3", new Restart(Policy.NO, 0, 5));
    ProcessSpec clean =
        spec("clean", "echo clean >> " + runs + "; exit 0", new Restart(Policy.ON_FAILURE, 0, 5));

    supervisor().apply(global, List.of(no, clean), TIMEOUT);
    await(() -> state("no").equals("FAILED") && state("clean").equals("COMPLETED"));
    Thread.sleep(300); // a restart, were there one, would have happened by now

    assertThat(Files.readAllLines(runs)).containsExactlyInAnyOrder("no", "clean");
    assertThat(status("no").restarts()).isZero();
  }

  @Test
  void aDependentStartsOnlyAfterItsDependencyIsReady() throws Exception {
    int port = freePort();
    Path opened = tmp.resolve("opened");
    Path started = tmp.resolve("started");
    ProcessSpec server =
        spec(
                "server",
                "exec /usr/bin/python3 -c \"import socket,time; time.sleep(2); s=socket.socket();"
                    + " s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1);"
                    + " s.bind(('127.0.0.1', "
                    + port
                    + ")); s.listen(); open('"
                    + opened
                    + "', 'w').write(str(time.time_ns())); time.sleep(300)\"",
                Restart.DEFAULT)
            .withReadiness(new Readiness(ProbeKind.TCP, "127.0.0.1:" + port, 50, TIMEOUT));
    ProcessSpec client =
        spec("client", "date +%s%N > " + started + "; exec sleep 300", Restart.DEFAULT)
            .withDependencies(List.of(new Dependency("server", Condition.HEALTHY)));

    long before = System.currentTimeMillis();
    List<ProcessStatus> statuses = supervisor().apply(global, List.of(server, client), 1000);
    assertThat(statuses)
        .filteredOn(s -> s.name().equals("client"))
        .singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo("WAITING"))
        .satisfies(s -> assertThat(s.pid()).isNull());
    inJvm.awaitSettled(TIMEOUT);

    assertThat(state("client")).isEqualTo("READY");
    await(() -> started.toFile().length() > 0);
    long openedAt = Long.parseLong(Files.readString(opened).strip());
    long startedAt = Long.parseLong(Files.readString(started).strip());
    assertThat(startedAt).as("the dependent's start").isGreaterThan(openedAt);
    assertThat(openedAt / 1_000_000 - before).isGreaterThanOrEqualTo(2000);
  }

  @Test
  void stoppingKillsTheWholeProcessGroupEvenWhatIgnoresSigterm() throws Exception {
    Path grandchild = tmp.resolve("grandchild");
    ProcessSpec parent =
        spec(
            "parent",
            "(trap '' TERM; exec sleep 300) & echo $! > " + grandchild + "; wait",
            Restart.DEFAULT);

    supervisor().apply(global, List.of(parent), TIMEOUT);
    await(() -> grandchild.toFile().length() > 0);
    long parentPid = status("parent").pid();
    long grandchildPid = Long.parseLong(Files.readString(grandchild).strip());
    assertThat(Procs.alive(grandchildPid)).isTrue();

    inJvm.stop("parent");

    assertThat(Procs.alive(parentPid)).as("the process").isFalse();
    await(() -> !Procs.alive(grandchildPid)); // reaped by init a moment later at most
    assertThat(Procs.withEnvironment(mark)).isEmpty();
    assertThat(state("parent")).isEqualTo("STOPPED");
  }

  @Test
  void aProcessThatIgnoresSigtermIsKilledAndGoneWhenStopReturns() throws Exception {
    ProcessSpec stubborn =
        spec("stubborn", "trap '' TERM; while true; do sleep 0.05; done", Restart.DEFAULT);
    supervisor().apply(global, List.of(stubborn), TIMEOUT);
    long pid = status("stubborn").pid();

    inJvm.stop("stubborn"); // SIGTERM, then SIGKILL after the spec's 500 ms

    assertThat(Procs.alive(pid)).as("the process, once stop returned").isFalse();
    assertThat(state("stubborn")).isEqualTo("STOPPED");
  }

  @Test
  void aKilledSupervisorIsRestartedAndAdoptsWithoutDuplicatesOrLosses() throws Exception {
    daemon = new SupervisorClient(global);
    List<ProcessSpec> specs =
        List.of(
            spec("a", "exec sleep 301", Restart.DEFAULT),
            spec("b", "exec sleep 302", Restart.DEFAULT),
            spec("c", "exec sleep 303", Restart.DEFAULT));
    Map<String, Long> before = pids(daemon.apply(global, specs, TIMEOUT));
    long firstDaemon = daemon.pid().orElseThrow();

    Procs.kill(firstDaemon);
    await(() -> !Procs.alive(firstDaemon));
    Signals.group(before.get("b"), "KILL"); // dies while nobody watches
    await(() -> !Procs.alive(before.get("b")));

    daemon.control("status", null, TIMEOUT); // any command brings the supervisor back
    await(() -> state(daemon, "b").equals("READY"));

    Map<String, Long> after = pids(daemon.control("status", null, TIMEOUT));
    assertThat(daemon.pid()).isPresent().get().isNotEqualTo(firstDaemon);
    assertThat(after.get("a")).isEqualTo(before.get("a"));
    assertThat(after.get("c")).isEqualTo(before.get("c"));
    assertThat(after.get("b")).isNotEqualTo(before.get("b"));
    for (String n : List.of("301", "302", "303")) {
      assertThat(sleeping(n)).as("sleep " + n).hasSize(1);
    }
    assertThat(Procs.withEnvironment(mark)).containsExactlyInAnyOrderElementsOf(after.values());
    assertThat(Procs.withCommandLine(SupervisorClient.directory(global).toString())).hasSize(1);
  }

  @Test
  void aStoppedProcessStaysStoppedAcrossSupervisorRestartsAndSwitchesUntilStarted()
      throws Exception {
    daemon = new SupervisorClient(global);
    List<ProcessSpec> specs =
        List.of(
            spec("a", "exec sleep 311", Restart.DEFAULT),
            spec("b", "exec sleep 312", Restart.DEFAULT));
    Map<String, Long> before = pids(daemon.apply(global, specs, TIMEOUT));
    daemon.control("stop", "b", TIMEOUT);
    long firstDaemon = daemon.pid().orElseThrow();

    Procs.kill(firstDaemon);
    await(() -> !Procs.alive(firstDaemon));
    daemon.control("status", null, TIMEOUT); // a new supervisor
    daemon.apply(global, specs, TIMEOUT); // a switch that leaves b unchanged

    assertThat(state(daemon, "b")).isEqualTo("STOPPED");
    assertThat(Procs.withCommandLine("\0sleep\0" + "312\0")).isEmpty();
    assertThat(pids(daemon.control("status", null, TIMEOUT).subList(0, 1)))
        .containsEntry("a", before.get("a"));

    daemon.control("start", "b", TIMEOUT);
    assertThat(state(daemon, "b")).isEqualTo("READY");
    assertThat(sleeping("312")).hasSize(1);
  }

  @Test
  void rotationKeepsTheOldPartAndTheWriterAppendsToTheFreshLog() throws Exception {
    Path log = tmp.resolve("x.log");
    try (var writer =
        Files.newOutputStream(
            log,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND)) {
      writer.write("old line\n".repeat(20).getBytes());
      assertThat(LogRotation.rotateIfLarge(log, 100)).isTrue();
      writer.write("new line\n".getBytes());
    }
    assertThat(Files.readString(log)).isEqualTo("new line\n");
    assertThat(Files.readString(log.resolveSibling("x.log.1"))).startsWith("old line\n");
    assertThat(LogRotation.rotateIfLarge(log, 100)).isFalse();
  }

  // --- helpers ---

  private Supervisor supervisor() {
    inJvm = new Supervisor(tmp.resolve("sup"));
    return inJvm;
  }

  private ProcessSpec spec(String name, String script, Restart restart) {
    return new ProcessSpec(
        name,
        null,
        "/bin/sh",
        List.of("-c", script),
        List.of(),
        List.of(),
        false,
        Map.of(mark.substring(0, mark.indexOf('=')), mark.substring(mark.indexOf('=') + 1)),
        tmp.toString(),
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        null,
        restart,
        500,
        Map.of(),
        Map.of());
  }

  private ProcessStatus status(String name) {
    return inJvm.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private String state(String name) {
    return status(name).state();
  }

  private static String state(SupervisorClient client, String name) {
    try {
      return client.control("status", null, TIMEOUT).stream()
          .filter(s -> s.name().equals(name))
          .findFirst()
          .orElseThrow()
          .state();
    } catch (IOException e) {
      return "unreachable: " + e.getMessage();
    }
  }

  private static Map<String, Long> pids(List<ProcessStatus> statuses) {
    Map<String, Long> m = new java.util.TreeMap<>();
    statuses.forEach(s -> m.put(s.name(), s.pid()));
    assertThat(m.values()).doesNotContainNull();
    return m;
  }

  /**
   * The processes running {@code sleep N}, once there is one: a unit without a probe is READY once
   * started, when {@code setsid} and the shell may still be on their way to exec {@code sleep}.
   */
  private static List<Long> sleeping(String n) throws Exception {
    String commandLine = "\0sleep\0" + n + "\0";
    await(() -> !Procs.withCommandLine(commandLine).isEmpty());
    return Procs.withCommandLine(commandLine);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + TIMEOUT;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("timed out waiting").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
