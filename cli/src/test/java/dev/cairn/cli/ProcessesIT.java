package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processes model end to end: the seeds' webapps example under each process manager, with real
 * webapps, nginx and supervisord on loopback ports chosen per test.
 */
class ProcessesIT {
  @TempDir Path tmp;
  private final List<String[]> undeploy = new ArrayList<>();
  private Cairn cairn;

  @AfterEach
  void cleanUp() {
    for (String[] args : undeploy) {
      cairn.run(args);
    }
  }

  /**
   * Eight consecutive free ports: six webapps, two proxies. Below Linux's ephemeral range (32768
   * and up), where no outgoing connection of another test takes one as its source port meanwhile.
   */
  static int freePorts() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20000, 32760);
      boolean free = true;
      for (int p = base; p < base + 8 && free; p++) {
        try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
          free = true;
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no free port range");
  }

  /** The example with its ports moved to {@code base}…{@code base+7}. */
  Path example(int base, Map<Integer, Integer> extra) throws IOException {
    String text = Files.readString(Path.of("../examples/webapps-processes/processes.yaml"));
    Map<Integer, Integer> ports = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      ports.put(5000 + i, base + i);
    }
    ports.put(8080, base + 6);
    ports.put(8081, base + 7);
    ports.putAll(extra);
    for (var e : ports.entrySet()) {
      text = text.replace("port: " + e.getKey() + "\n", "port: " + e.getValue() + "\n");
    }
    return Files.writeString(tmp.resolve("processes.yaml"), text);
  }

  /** The seed's curl test: GET / with a Host header through a proxy. */
  static String get(int port, String host) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  Map<String, Long> pids(String... args) {
    Map<String, Long> m = new HashMap<>();
    for (String line : cairn.run(args).ok().lines()) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && f[2].matches("\\d+")) {
        m.put(f[0], Long.valueOf(f[2]));
      }
    }
    return m;
  }

  static boolean alive(long pid) {
    return Files.exists(Path.of("/proc/" + pid));
  }

  String[] switchArgs(String pm, String profile, Path model, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "proc",
                "switch",
                "-P",
                pm,
                "--profile",
                profile,
                "--state-dir",
                tmp.resolve("state-" + profile).toString()));
    a.addAll(List.of(more));
    a.add(model.toString());
    return a.toArray(String[]::new);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cairn", "supervisord", "sysvinit"})
  void everyWebappAnswersThroughItsProxyUnprivileged(String pm) throws IOException {
    checkWebapps(pm, "--force-disable-user-change");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cairn", "supervisord", "sysvinit"})
  void privilegedRunsWebappsAsTheirOwnUsers(String pm) throws IOException {
    Map<String, Long> pids = checkWebapps(pm);
    String status = Files.readString(Path.of("/proc/" + pids.get("webapp2") + "/status"));
    assertThat(status).containsPattern("Uid:\\s+" + uidOf("webapp2") + "\\s");
    // What it runs is in the store, which its user may read, not wherever Cairn's jar lies.
    List<String> cmdline =
        List.of(Files.readString(Path.of("/proc/" + pids.get("webapp2") + "/cmdline")).split("\0"));
    assertThat(cmdline.get(cmdline.indexOf("-cp") + 1))
        .startsWith(tmp.resolve("root").resolve("store") + "/")
        .endsWith("-cairn-webapp-classes");
  }

  private static String uidOf(String user) throws IOException {
    Process p = new ProcessBuilder("id", "-u", user).start();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  private Map<String, Long> checkWebapps(String pm, String... flags) throws IOException {
    cairn = Cairn.at(tmp.resolve("root"));
    Files.createDirectories(tmp);
    tmp.toFile().setExecutable(true, false);
    int base = freePorts();
    Path model = example(base, Map.of());
    undeploy.add(new String[] {"proc", "switch", "--profile", pm, "--undeploy"});
    cairn.run(switchArgs(pm, pm, model, flags)).ok();
    for (int i = 1; i <= 6; i++) {
      int proxy = i <= 4 ? base + 6 : base + 7;
      assertThat(get(proxy, "webapp" + i + ".local"))
          .contains("webapp" + i + " listening on port: " + (base + i - 1));
    }
    Map<String, Long> pids = pids("proc", "status", "--profile", pm);
    assertThat(pids).hasSize(8);
    return pids;
  }

  @Test
  void changingOnePortRestartsOnlyThatWebappAndItsProxyAndRollbackRestores() throws IOException {
    cairn = Cairn.at(tmp.resolve("root"));
    int base = freePorts();
    undeploy.add(new String[] {"proc", "switch", "--profile", "p", "--undeploy"});
    cairn
        .run(switchArgs("cairn", "p", example(base, Map.of()), "--force-disable-user-change"))
        .ok();
    Map<String, Long> before = pids("proc", "status", "--profile", "p");
    int moved = freePorts(); // the first of eight more, below the ephemeral range as well
    Path changed = example(base, Map.of(5002, moved));
    Cairn.Result dry =
        cairn.run(switchArgs("cairn", "p", changed, "--force-disable-user-change", "--dry-run"));
    assertThat(dry.ok().stderr()).contains("stop  nginx", "stop  webapp3", "start webapp3");
    cairn.run(switchArgs("cairn", "p", changed, "--force-disable-user-change")).ok();
    Map<String, Long> after = pids("proc", "status", "--profile", "p");
    for (String name : before.keySet()) {
      if (name.equals("webapp3") || name.equals("nginx")) {
        assertThat(after.get(name)).as(name).isNotEqualTo(before.get(name));
      } else {
        assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
      }
    }
    assertThat(get(base + 6, "webapp3.local")).contains("listening on port: " + moved);
    cairn.run("proc", "switch", "--profile", "p", "--rollback").ok();
    assertThat(get(base + 6, "webapp3.local")).contains("listening on port: " + (base + 2));
    assertThat(cairn.run("proc", "switch", "--profile", "p", "--list-generations").ok().lines())
        .hasSize(2)
        .first()
        .asString()
        .contains("(current)");
    Cairn.Result none = cairn.run("proc", "switch", "--profile", "q", "--list-generations").ok();
    assertThat(none.out()).isEmpty();
    assertThat(none.stderr()).contains("no process deployment of profile 'q'");
    assertThat(pids("proc", "status", "--profile", "p").get("webapp1"))
        .isEqualTo(before.get("webapp1"));
  }
}
