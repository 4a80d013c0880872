package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code examples/webapps} example deployed with the real command: four instances of one
 * template, each a real JVM answering HTTP on its own port. The example's ports are rewritten to
 * ports free on this machine, so the test can run beside a deployed example.
 */
class WebappsIT {
  private static final int INSTANCES = 4;
  private static final Duration READY = Duration.ofSeconds(20);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path tmp;

  private Cairn cairn;
  private final List<Long> started = new ArrayList<>();

  /** Undeploys, kills what an undeploy that failed left running, then fails for that undeploy. */
  @AfterEach
  void stopEverything() {
    Cairn.Result undeploy = cairn == null ? null : cairn.run("deploy", "--undeploy");
    // Only our own webapps, recognised by their command line.
    for (long pid : started) {
      ProcessHandle.of(pid)
          .filter(h -> h.info().commandLine().orElse("").contains("Webapp"))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
    if (undeploy != null) {
      undeploy.ok();
    }
  }

  @Test
  void everyInstanceAnswersAPortChangeRestartsOnlyThatInstanceAndUndeployStopsAll()
      throws Exception {
    List<Integer> ports = freePorts(INSTANCES + 1);
    Map<String, Integer> port = new LinkedHashMap<>();
    for (int i = 1; i <= INSTANCES; i++) {
      port.put("webapp" + i, ports.get(i - 1));
    }
    Path d = copyOfExample(port);
    cairn = Cairn.at(tmp.resolve("root"));

    cairn.run(deployArgs(d)).ok();
    Map<String, Long> pids = new LinkedHashMap<>();
    for (var e : port.entrySet()) {
      assertThat(get(e.getValue())).isEqualTo(e.getKey() + " on port " + e.getValue());
      pids.put(e.getKey(), pid(e.getKey()));
    }
    started.addAll(pids.values());

    int moved = ports.get(INSTANCES);
    rewritePort(d, port.get("webapp3"), moved);
    Cairn.Result r = cairn.run(deployArgs(d)).ok();
    assertThat(r.out())
        .contains("stopped webapp3 on", "started webapp3 on", "1 to stop, 1 to start, 3 unchanged")
        .doesNotContain("webapp1 on", "webapp2 on", "webapp4 on");
    assertThat(get(moved)).isEqualTo("webapp3 on port " + moved);
    assertThat(refused(port.get("webapp3"))).isTrue();
    assertThat(TestProcs.alive(pids.get("webapp3"))).isFalse();
    started.add(pid("webapp3"));
    for (String other : List.of("webapp1", "webapp2", "webapp4")) {
      assertThat(pid(other)).as(other).isEqualTo(pids.get(other));
      assertThat(TestProcs.alive(pids.get(other))).as(other).isTrue();
      assertThat(get(port.get(other))).isEqualTo(other + " on port " + port.get(other));
    }

    // query lists a target's services by name.
    assertThat(cairn.run("query").ok().lines())
        .filteredOn(l -> l.startsWith("  webapp"))
        .extracting(l -> l.strip().split("\\s+")[0])
        .containsExactly("webapp1", "webapp2", "webapp3", "webapp4");

    assertThat(cairn.run("deploy", "--undeploy").ok().out()).contains("4 to stop, 0 to start");
    for (long pid : started) {
      assertThat(TestProcs.alive(pid)).as("process %d", pid).isFalse();
    }
    assertThat(cairn.run("query").ok().out()).doesNotContain("webapp");
  }

  /** The example with each instance's port replaced, in a directory of its own. */
  private Path copyOfExample(Map<String, Integer> ports) throws IOException {
    Path example = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/webapps");
    Path d = Files.createDirectories(tmp.resolve("webapps"));
    for (String f : List.of("services.yaml", "infrastructure.yaml", "distribution.yaml")) {
      Files.copy(example.resolve(f), d.resolve(f));
    }
    Files.createDirectories(d.resolve("src"));
    Files.copy(example.resolve("src/Webapp.java"), d.resolve("src/Webapp.java"));
    int i = 1;
    for (int p : ports.values()) {
      rewritePort(d, 5300 + i++, p);
    }
    return d;
  }

  private static void rewritePort(Path d, int from, int to) throws IOException {
    Path services = d.resolve("services.yaml");
    String text = Files.readString(services);
    assertThat(text).contains("port: " + from + "\n");
    Files.writeString(services, text.replace("port: " + from + "\n", "port: " + to + "\n"));
  }

  /** Ports nobody listens on now (the kernel's pick, so they do not collide with others'). */
  private static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  private static String[] deployArgs(Path d) {
    return new String[] {
      "deploy",
      "-s",
      d.resolve("services.yaml").toString(),
      "-i",
      d.resolve("infrastructure.yaml").toString(),
      "-d",
      d.resolve("distribution.yaml").toString()
    };
  }

  /** GET / on loopback, retried while the instance's JVM is still starting. */
  private static String get(int port) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + READY.toNanos();
    while (true) {
      try {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body().trim();
      } catch (IOException notYet) { // refused, reset, or no answer yet while the JVM warms up
        if (System.nanoTime() > deadline) {
          throw new AssertionError("nothing answers on port " + port + " after " + READY, notYet);
        }
        Thread.sleep(100);
      }
    }
  }

  private static boolean refused(int port) throws Exception {
    try {
      HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
          HttpResponse.BodyHandlers.discarding());
      return false;
    } catch (ConnectException expected) {
      return true;
    }
  }

  private long pid(String service) throws IOException {
    Path file = cairn.root().resolve("targets/test1/state/run/" + service + ".pid");
    return Long.parseLong(Files.readString(file).trim());
  }
}
