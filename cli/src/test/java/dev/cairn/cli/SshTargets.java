package dev.cairn.cli;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Real OpenSSH servers on loopback addresses 127.0.X.N, one per target, each with its own sshd
 * configuration, port and Cairn root. The root reaches the agent through the environment: each
 * server's authorized_keys line sets {@code CAIRN_ROOT} (and {@code CAIRN_STORE_DIR}, which must
 * equal the coordinator's) with {@code environment=}, allowed by {@code PermitUserEnvironment yes}
 * — as a real machine would set them in the account's environment — so the coordinator's remote
 * command stays the plain {@code cairn agent --stdio} of a real deployment.
 */
final class SshTargets implements AutoCloseable {
  /**
   * An infrastructure model's entry for target {@code name}, reached over ssh at {@code sshAddress}
   * (property sshAddress), with {@code host} as its hostname.
   */
  static String entry(String name, String host, String sshAddress) {
    return name
        + ":\n  properties: {hostname: \""
        + host
        + "\", sshAddress: \""
        + sshAddress
        + "\"}\n  clientInterface: ssh\n";
  }

  /** One sshd target. */
  record Target(String name, String host, int port, Path root, Path dir) {
    /** The ssh address: {@code root@host:port}. */
    String address() {
      return "root@" + host + ":" + port;
    }

    /** This target's entry in an infrastructure model, as target {@code name}. */
    String entry(String name) {
      return SshTargets.entry(name, host, address());
    }

    /** This target's sshd listener, while it runs; its descendants serve the connections. */
    Optional<ProcessHandle> sshd() throws IOException {
      Path pid = dir.resolve("sshd.pid");
      return Files.exists(pid)
          ? ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
          : Optional.empty();
    }
  }

  private final Path dir;
  private final String storeDir;
  private final int net = ThreadLocalRandom.current().nextInt(2, 250);
  private final List<Target> targets = new ArrayList<>();

  private SshTargets(Path dir, String storeDir) {
    this.dir = dir;
    this.storeDir = storeDir;
  }

  /** Keys under {@code dir}; targets' stores use the coordinator's {@code storeDir}. */
  static SshTargets in(Path dir, String storeDir) throws IOException, InterruptedException {
    assumeThat(Path.of("/usr/sbin/sshd")).as("openssh-server (see .ci/packages)").exists();
    SshTargets t = new SshTargets(Files.createDirectories(dir), storeDir);
    Files.createDirectories(Path.of("/run/sshd"));
    t.keygen("host_key");
    t.keygen("user_key");
    return t;
  }

  private void keygen(String name) throws IOException, InterruptedException {
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve(name).toString());
  }

  /** A loopback address on which nothing listens. */
  String unusedHost() {
    return "127.0." + net + ".250";
  }

  /** Starts sshd for target {@code name} on the next loopback address. */
  Target start(String name) throws IOException, InterruptedException {
    return start(name, "");
  }

  /**
   * Starts sshd for target {@code name}, its sessions' environment also holding {@code env} ({@code
   * PATH=/nowhere}, say, for a machine without Java); empty for none.
   */
  Target start(String name, String env) throws IOException, InterruptedException {
    String host = "127.0." + net + "." + (targets.size() + 1);
    Path d = Files.createDirectories(dir.resolve(name));
    Path root = d.resolve("root");
    int port = freePort(host);
    String pub = Files.readString(dir.resolve("user_key.pub"), StandardCharsets.UTF_8).strip();
    Files.writeString(
        d.resolve("authorized_keys"),
        "environment=\"CAIRN_ROOT="
            + root
            + "\",environment=\"CAIRN_STORE_DIR="
            + storeDir
            + "\""
            + (env.isEmpty() ? "" : ",environment=\"" + env + "\"")
            + " "
            + pub
            + "\n");
    Files.writeString(
        d.resolve("sshd_config"),
        String.join(
            "\n",
            "Port " + port,
            "ListenAddress " + host,
            "HostKey " + dir.resolve("host_key"),
            "AuthorizedKeysFile " + d.resolve("authorized_keys"),
            "PidFile " + d.resolve("sshd.pid"),
            "StrictModes no",
            "UsePAM no",
            "PasswordAuthentication no",
            "PermitRootLogin prohibit-password",
            "PermitUserEnvironment yes",
            ""));
    run(
        "/usr/sbin/sshd",
        "-f",
        d.resolve("sshd_config").toString(),
        "-E",
        d.resolve("sshd.log").toString());
    Target t = new Target(name, host, port, root, d);
    targets.add(t);
    awaitListening(host, port);
    return t;
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  private static void awaitListening(String host, int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 1000);
        return;
      } catch (IOException notYet) {
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
    throw new AssertionError("sshd did not listen on " + host + ":" + port);
  }

  /** The coordinator's environment for these targets: keys, the remote command. */
  Cairn coordinator(Cairn c) {
    return c.withEnv(
            "CAIRN_SSH_OPTS",
            "-i "
                + dir.resolve("user_key")
                + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR")
        .withEnv("CAIRN_REMOTE_COMMAND", String.join(" ", Cairn.mainCommand()));
  }

  /** The pids of the agents serving {@code t} now (found by their CAIRN_ROOT). */
  static List<Long> agents(Target t) {
    List<Long> pids = new ArrayList<>();
    ProcessHandle.allProcesses()
        .forEach(
            p -> {
              try {
                Path proc = Path.of("/proc/" + p.pid());
                String env = Files.readString(proc.resolve("environ"), StandardCharsets.ISO_8859_1);
                String cmd = Files.readString(proc.resolve("cmdline"), StandardCharsets.ISO_8859_1);
                if (env.contains("CAIRN_ROOT=" + t.root() + "\0")
                    && cmd.contains("agent\0--stdio")) {
                  pids.add(p.pid());
                }
              } catch (IOException | RuntimeException gone) {
                // not ours, or gone
              }
            });
    return pids;
  }

  /**
   * Stops every sshd and its connections, so that the connections the coordinator keeps open
   * between commands end too.
   */
  @Override
  public void close() throws IOException {
    for (Target t : targets) {
      t.sshd()
          .ifPresent(
              sshd -> {
                sshd.descendants().forEach(ProcessHandle::destroy);
                sshd.destroy();
              });
    }
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
