package dev.cairn.cli;

import dev.cairn.agent.SshAddress;
import dev.cairn.store.Background;
import dev.cairn.store.StoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One command run on a machine with the system's ssh client ({@code $CAIRN_SSH_OPTS} applies), its
 * output captured and its wait bounded.
 */
final class SshCommand {
  /** What a remote command did. */
  record Result(int exit, String output) {}

  private final SshAddress address;
  private final Duration timeout;

  SshCommand(SshAddress address, Duration timeout) {
    this.address = address;
    this.timeout = timeout;
  }

  /** The ssh command line running {@code remote} (shell syntax) there. */
  List<String> command(String remote) {
    List<String> cmd = new ArrayList<>(List.of("ssh"));
    cmd.addAll(Targets.sshOptions());
    cmd.addAll(List.of("-T", "-o", "BatchMode=yes"));
    cmd.addAll(List.of("-o", "ConnectTimeout=" + Math.max(1, Math.min(60, timeout.toSeconds()))));
    address.port().ifPresent(p -> cmd.addAll(List.of("-p", p.toString())));
    cmd.add(address.destination());
    cmd.add("--");
    cmd.add(remote);
    return cmd;
  }

  /** Runs {@code remote} with no input; output and errors together. */
  Result run(String remote) throws IOException {
    Process p = new ProcessBuilder(command(remote)).redirectErrorStream(true).start();
    p.getOutputStream().close();
    return await(p, List.of());
  }

  /** Runs {@code local} (a command here) piped into {@code remote}. */
  Result pipe(List<String> local, String remote) throws IOException {
    List<Process> ps =
        ProcessBuilder.startPipeline(
            List.of(
                new ProcessBuilder(local).redirectError(ProcessBuilder.Redirect.INHERIT),
                new ProcessBuilder(command(remote)).redirectErrorStream(true)));
    return await(ps.get(1), List.of(ps.get(0)));
  }

  private Result await(Process p, List<Process> feeding) throws IOException {
    CompletableFuture<String> out = Background.readText(p.getInputStream());
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        feeding.forEach(Process::destroyForcibly);
        throw new StoreException(
            "ssh to "
                + address.destination()
                + " did not finish within "
                + timeout.toSeconds()
                + " s (raise --connect-timeout if the link is slow)");
      }
      for (Process f : feeding) {
        f.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      return new Result(p.exitValue(), out.join().strip());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while ssh ran");
    }
  }

  /** Single-quotes {@code s} for a POSIX shell. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
