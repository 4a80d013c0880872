package dev.cairn.process.supervisor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.process.GlobalParams;
import dev.cairn.process.ProcessException;
import dev.cairn.process.ProcessSpec;
import dev.cairn.process.ProcessStatus;
import dev.cairn.process.supervisor.Protocol.Request;
import dev.cairn.process.supervisor.Protocol.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Talks to the embedded supervisor of one deployment over its control socket, starting the daemon
 * on demand: detached, in its own session ({@code setsid}), with a small heap.
 */
public final class SupervisorClient {
  /** JVM options of the daemon: small heap and stacks, serial GC, C1 only. */
  public static final List<String> DAEMON_JVM_OPTIONS =
      List.of(
          "-Xms8m",
          "-Xmx24m",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=30",
          "-Xss256k",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1",
          "-XX:-UsePerfData",
          "-XX:MaxMetaspaceSize=48m",
          "-XX:ReservedCodeCacheSize=8m",
          "-Xshare:auto");

  private static final long START_TIMEOUT_MILLIS = 30_000;

  private final Path dir;

  /** For the supervisor whose directory is {@code global.cairnDir()/supervisor}. */
  public SupervisorClient(GlobalParams global) {
    this.dir = directory(global);
  }

  /** The supervisor's directory: state, socket, PID file, log. */
  public static Path directory(GlobalParams global) {
    return global.cairnDir().resolve("supervisor");
  }

  /** The PID of the running supervisor, if one answers. */
  public Optional<Long> pid() {
    try {
      return Optional.of(send(new Request("ping", null, null, null, 0)).pid());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Starts the daemon unless one answers; waits for its socket. */
  public void ensureRunning() throws IOException {
    if (pid().isPresent()) {
      return;
    }
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>(List.of("setsid", javaBinary()));
    cmd.addAll(DAEMON_JVM_OPTIONS);
    cmd.addAll(List.of("-cp", classPath(), Daemon.class.getName(), dir.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("MALLOC_ARENA_MAX", "2"); // fewer glibc arenas: less resident memory
    pb.redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.out").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.start();
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (pid().isPresent()) {
        return;
      }
      sleep(50);
    }
    throw new ProcessException(
        "the supervisor did not start within "
            + START_TIMEOUT_MILLIS / 1000
            + " s; see "
            + dir.resolve("daemon.out")
            + " and "
            + dir.resolve("supervisor.log"));
  }

  /** Makes {@code specs} the supervised set; waits up to {@code timeoutMillis} for readiness. */
  public List<ProcessStatus> apply(GlobalParams global, List<ProcessSpec> specs, long timeoutMillis)
      throws IOException {
    ensureRunning();
    return check(send(new Request("apply", global, specs, null, timeoutMillis)));
  }

  /**
   * {@code status}, {@code start}, {@code stop} or {@code restart} (the last three for one name).
   */
  public List<ProcessStatus> control(String op, String name, long timeoutMillis)
      throws IOException {
    ensureRunning();
    return check(send(new Request(op, null, null, name, timeoutMillis)));
  }

  /** Stops every process and the daemon, if one runs. */
  public void shutdown() throws IOException {
    if (pid().isPresent()) {
      check(send(new Request("shutdown", null, null, null, 0)));
    }
  }

  private static List<ProcessStatus> check(Response r) throws ProcessException {
    if (!r.ok()) {
      throw new ProcessException("the supervisor refused: " + r.error());
    }
    return r.statuses();
  }

  private Response send(Request request) throws IOException {
    Path socket = dir.resolve("supervisor.sock");
    if (!Files.exists(socket)) {
      throw new ProcessException("no supervisor socket at " + socket);
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      OutputStream out = Channels.newOutputStream(ch);
      out.write(Protocol.JSON.writeValueAsBytes(request));
      out.write('\n');
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null) {
        throw new ProcessException(
            "the supervisor closed the connection; see " + dir.resolve("supervisor.log"));
      }
      return Protocol.JSON.readValue(line, Response.class);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The jars (or class directories) the daemon needs, wherever this JVM loaded them from. */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c :
        List.of(
            Daemon.class,
            ObjectMapper.class,
            JsonFactory.class,
            JsonProperty.class,
            dev.cairn.store.StoreException.class)) {
      try {
        entries.add(
            Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("cannot locate the classes of " + c, e);
      }
    }
    return String.join(":", entries);
  }

  private static void sleep(long millis) throws ProcessException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessException("interrupted while waiting for the supervisor", e);
    }
  }
}
