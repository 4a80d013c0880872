package dev.cairn.process.supervisor;

import dev.cairn.process.supervisor.Protocol.Request;
import dev.cairn.process.supervisor.Protocol.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The embedded supervisor daemon: {@code java dev.cairn.process.supervisor.Daemon DIR}. One per
 * deployment directory, guarded by a file lock; it recovers the processes of an earlier supervisor,
 * then serves requests on the Unix domain socket {@code DIR/supervisor.sock} until told to shut
 * down. Started detached, in a session of its own, by {@link SupervisorClient}.
 */
public final class Daemon {
  private static final long ROTATION_MILLIS = 2000;

  private final Path dir;
  private final Supervisor supervisor;
  private volatile boolean running = true;
  private ServerSocketChannel server;

  private Daemon(Path dir) {
    this.dir = dir;
    this.supervisor = new Supervisor(dir);
  }

  /**
   * Runs the daemon.
   *
   * @param args the supervisor's directory
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    try (FileChannel lockFile =
            FileChannel.open(
                dir.resolve("supervisor.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock()) {
      if (lock == null) {
        return; // another supervisor serves this directory
      }
      new Daemon(dir).serve();
    }
  }

  private void serve() throws IOException {
    Path socket = dir.resolve("supervisor.sock");
    Files.deleteIfExists(socket);
    Files.writeString(dir.resolve("supervisor.pid"), ProcessHandle.current().pid() + "\n");
    supervisor.recover();
    supervisor.scheduler().after(ROTATION_MILLIS, this::rotateLogs);
    try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server = channel;
      channel.bind(UnixDomainSocketAddress.of(socket));
      supervisor.log("supervisor " + ProcessHandle.current().pid() + " listening on " + socket);
      while (running) {
        SocketChannel client;
        try {
          client = channel.accept();
        } catch (java.nio.channels.ClosedChannelException e) {
          break;
        }
        Thread t = new Thread(() -> handle(client), "control");
        t.setDaemon(true);
        t.start();
      }
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir.resolve("supervisor.pid"));
    }
  }

  /** Rotates the logs grown too large, then again after a while (never two runs at once). */
  private void rotateLogs() {
    for (var status : supervisor.status()) {
      try {
        LogRotation.rotateIfLarge(supervisor.unit(status.name()).log(), LogRotation.MAX_BYTES);
      } catch (IOException e) {
        supervisor.log("log rotation: " + e);
      }
    }
    if (running) {
      supervisor.scheduler().after(ROTATION_MILLIS, this::rotateLogs);
    }
  }

  private void handle(SocketChannel client) {
    try (client;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
        OutputStream out = Channels.newOutputStream(client)) {
      Request request = Protocol.JSON.readValue(in.readLine(), Request.class);
      Response response = respond(request);
      out.write(Protocol.JSON.writeValueAsBytes(response));
      out.write('\n');
      out.flush();
      if ("shutdown".equals(request.op())) {
        server.close(); // ends the accept loop, and so the daemon
      }
    } catch (IOException | RuntimeException e) {
      supervisor.log("control request failed: " + e);
    }
  }

  private Response respond(Request r) {
    long pid = ProcessHandle.current().pid();
    try {
      List<dev.cairn.process.ProcessStatus> statuses =
          switch (r.op()) {
            case "ping", "status" -> supervisor.status();
            case "apply" -> supervisor.apply(r.global(), r.processes(), r.timeoutMillis());
            case "start" -> supervisor.start(r.name(), r.timeoutMillis());
            case "stop" -> {
              supervisor.stop(r.name());
              yield supervisor.status();
            }
            case "restart" -> {
              supervisor.stop(r.name());
              yield supervisor.start(r.name(), r.timeoutMillis());
            }
            case "shutdown" -> {
              supervisor.stopAll();
              running = false;
              yield List.of();
            }
            default -> throw new IOException("unknown request '" + r.op() + "'");
          };
      return new Response(true, null, statuses, pid);
    } catch (IOException | RuntimeException e) {
      return new Response(false, e.getMessage(), List.of(), pid);
    }
  }
}
