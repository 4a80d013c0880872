package dev.cairn.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A target reached with the system's OpenSSH client, which runs {@code <remote command> agent
 * --stdio} there and carries the protocol on its stdin and stdout: the user's ssh configuration,
 * keys, agent and jump hosts all apply. One session (one ssh process) serves a whole deployment.
 * What ssh and the agent print on stderr is kept (the last lines) to explain a failure.
 */
public final class SshTarget extends AgentTarget {
  private static final int KEPT_LINES = 20;

  /** Seconds between ssh's probes of a quiet connection (ServerAliveInterval). */
  private static final int ALIVE_SECONDS = 5;

  private final Process ssh;
  private final Deque<String> stderr = new ArrayDeque<>();
  private final Thread stderrReader;

  private SshTarget(String name, AgentOptions options, Process ssh) {
    super(name, options);
    this.ssh = ssh;
    this.stderrReader = new Thread(this::keepStderr, "cairn-ssh-stderr-" + name);
    stderrReader.setDaemon(true);
    stderrReader.start();
  }

  /**
   * Connects to {@code name} at {@code address} and says hello.
   *
   * @param remoteCommand the command that runs Cairn on the target (shell syntax, e.g. {@code
   *     cairn} or {@code /opt/cairn/cairn})
   * @param ssh the user's ssh options (placed first, so they win) and connection sharing
   * @throws TargetException naming the target, the address and what ssh said if it cannot be
   *     reached
   */
  public static SshTarget connect(
      String name, SshAddress address, String remoteCommand, SshOptions ssh, AgentOptions options)
      throws IOException {
    List<String> cmd = command(address, remoteCommand, ssh, options, "agent --stdio");
    Process p = new ProcessBuilder(cmd).start();
    SshTarget t = new SshTarget(name, options, p);
    try {
      t.open(
          new AgentSession(
              name, p.getInputStream(), p.getOutputStream(), p::destroyForcibly, t::said));
    } catch (IOException e) {
      t.closeTransport();
      throw new TargetException(
          name,
          "cannot start the agent over ssh at "
              + address.destination()
              + address.port().map(x -> " port " + x).orElse("")
              + ": "
              + reason(t, e)
              + hint(p),
          java.util.Optional.empty(),
          List.of(),
          e);
    }
    return t;
  }

  /** What ssh said, if anything (it knows best why there is no agent); else the failure. */
  private static String reason(SshTarget t, IOException e) {
    String said = t.said();
    return said.isEmpty() ? e.getMessage().replaceFirst("^target '[^']*': ", "") : said;
  }

  /**
   * Asks the target, over one short ssh command and without a session, which store path its profile
   * {@code profileName} points at ({@code <remote command> agent --query-profile NAME}, which
   * Cairn's launcher answers without starting a JVM).
   *
   * @return the store path's base name, or empty if the profile has none
   * @throws IOException if ssh or the command fails, or says something unexpected
   */
  public static Optional<String> queryProfile(
      SshAddress address,
      String remoteCommand,
      SshOptions ssh,
      AgentOptions options,
      String profileName)
      throws IOException {
    List<String> cmd =
        command(
            address,
            remoteCommand,
            ssh,
            options,
            "agent --query-profile " + profileName); // a checked profile name: no quoting needed
    String answer =
        ShortCommand.output(cmd, options.timeout().toSeconds() + 1, address.destination()).strip();
    if (answer.contains("\n")) {
      throw new IOException("unexpected answer from " + address.destination());
    }
    return answer.isEmpty() ? Optional.empty() : Optional.of(answer);
  }

  /**
   * The ssh command line: the user's options first (the first value of an option wins in ssh), then
   * what suits Cairn's sessions (see {@link SshTuning}), then what Cairn's protocol needs.
   */
  static List<String> command(
      SshAddress address,
      String remoteCommand,
      SshOptions ssh,
      AgentOptions options,
      String agentArgs) {
    List<String> cmd = new ArrayList<>(List.of("ssh"));
    cmd.addAll(ssh.user());
    cmd.addAll(SshTuning.added(ssh, address));
    cmd.addAll(List.of("-T", "-o", "BatchMode=yes"));
    cmd.addAll(List.of("-o", "ConnectTimeout=" + Math.max(1, options.timeout().toSeconds())));
    // A shared connection whose path died (a firewall or NAT dropping it, a laptop suspended)
    // holds each session opened over it until its master gives up; ssh then makes a new
    // connection. Probes every 5 s, 3 unanswered, end that wait after 15 s.
    cmd.addAll(
        List.of("-o", "ServerAliveInterval=" + ALIVE_SECONDS, "-o", "ServerAliveCountMax=3"));
    address.port().ifPresent(p -> cmd.addAll(List.of("-p", p.toString())));
    cmd.add(address.destination());
    cmd.add("--");
    cmd.add(remoteCommand + " " + agentArgs);
    return cmd;
  }

  private static String hint(Process p) {
    if (p.isAlive()) {
      return "";
    }
    return switch (p.exitValue()) {
      case 255 ->
          " (ssh could not connect: check the address, that sshd runs there, and the keys;"
              + " CAIRN_SSH_OPTS adds ssh options)";
      case 127 ->
          " (the remote command was not found: install Cairn there with 'cairn bootstrap',"
              + " or name it with the target property cairnCommand or CAIRN_REMOTE_COMMAND)";
      default -> " (ssh exited with " + p.exitValue() + ")";
    };
  }

  private void keepStderr() {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(ssh.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        synchronized (stderr) {
          stderr.addLast(line);
          if (stderr.size() > KEPT_LINES) {
            stderr.removeFirst();
          }
        }
      }
    } catch (IOException ignored) {
      // ssh is gone; what it said is kept.
    }
  }

  /** What ssh and the agent said last on stderr, after ssh exits (or a moment). */
  private String said() {
    try {
      ssh.waitFor(2, TimeUnit.SECONDS);
      stderrReader.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (stderr) {
      return String.join("; ", stderr).strip();
    }
  }

  @Override
  void closeTransport() throws IOException {
    try {
      ssh.getOutputStream().close();
    } catch (IOException ignored) {
      // already closed
    }
    try {
      if (!ssh.waitFor(5, TimeUnit.SECONDS)) {
        ssh.destroyForcibly();
      }
    } catch (InterruptedException e) {
      ssh.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
