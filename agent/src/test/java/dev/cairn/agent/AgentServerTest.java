package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.activation.Activator;
import dev.cairn.store.Background;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StoreDir;
import dev.cairn.store.StoreException;
import dev.cairn.store.StoreLayout;
import dev.cairn.store.StorePath;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol end to end over a loopback socket: a coordinator's store and a target's. */
class AgentServerTest {
  private static final String STORE_DIR = "/cairn-test/store";

  @TempDir Path tmp;
  private LocalStore coordinator;
  private LocalStore targetStore;
  private final List<String> agentLog = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void stores() throws IOException {
    coordinator = LocalStore.open(StoreLayout.of(tmp.resolve("coordinator"), STORE_DIR));
    targetStore = LocalStore.open(StoreLayout.of(tmp.resolve("target"), STORE_DIR));
    closing.add(coordinator);
    closing.add(targetStore);
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  /** A target over a socket to a server thread. */
  private static final class SocketTarget extends AgentTarget {
    private final Socket socket;

    SocketTarget(String name, AgentOptions options, Socket socket) {
      super(name, options);
      this.socket = socket;
    }

    @Override
    void closeTransport() throws IOException {
      socket.close();
    }
  }

  private AgentOptions options(String version) {
    return new AgentOptions(
        version, STORE_DIR, Duration.ofSeconds(20), Duration.ofSeconds(20), true);
  }

  private Socket serve() throws IOException {
    return serve(new AgentServer(targetStore, Activator.create(List.of()), "9.9", agentLog::add));
  }

  private Socket serve(AgentServer agent) throws IOException {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    closing.add(server);
    CompletableFuture.runAsync(
        () -> {
          try (Socket s = server.accept()) {
            agent.serve(s.getInputStream(), s.getOutputStream());
          } catch (IOException e) {
            agentLog.add("ended: " + e.getMessage());
          }
        },
        Background.threads());
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
    closing.add(s);
    return s;
  }

  private SocketTarget connect() throws IOException {
    Socket s = serve();
    SocketTarget t = new SocketTarget("t1", options("1.0"), s);
    t.open(new AgentSession("t1", s.getInputStream(), s.getOutputStream(), () -> {}, () -> ""));
    closing.add(t);
    return t;
  }

  private List<StorePath> closure() throws IOException {
    StorePath leaf = coordinator.addText("leaf", "leaf contents", List.of());
    Path dir = Files.createDirectories(tmp.resolve("big"));
    byte[] big = new byte[3 << 20];
    new java.util.Random(1).nextBytes(big);
    Files.write(dir.resolve("data"), big);
    Files.writeString(dir.resolve("ref"), coordinator.print(leaf));
    StorePath top = coordinator.addTree(dir, "top", List.of(leaf));
    return coordinator.closure(List.of(top));
  }

  @Test
  void helloComesBeforeTheStoreOpensAndAStoreThatCannotOpenEndsTheSession() throws Exception {
    CompletableFuture<LocalStore> opening = new CompletableFuture<>();
    AgentServer agent =
        new AgentServer(
            new StoreDir(STORE_DIR), opening, Activator.create(List.of()), "9.9", agentLog::add);
    Socket s = serve(agent);
    SocketTarget t = new SocketTarget("t1", options("1.0"), s);
    closing.add(t);
    // Answered while the store is still opening (a store-less hello would otherwise hang here).
    t.open(new AgentSession("t1", s.getInputStream(), s.getOutputStream(), () -> {}, () -> ""));
    opening.completeExceptionally(
        new java.io.UncheckedIOException(
            new StoreException("cannot create /nowhere/store; choose a writable --root")));
    assertThatThrownBy(() -> t.queryMissing(closure()))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("the agent session broke during queryMissing");
    // The server thread logs how it ended once its socket is closed, which may be just after.
    for (int i = 0; i < 600 && agentLog.stream().noneMatch(l -> l.startsWith("ended")); i++) {
      Thread.sleep(50);
    }
    assertThat(agentLog).anyMatch(l -> l.contains("ended: cannot create /nowhere/store"));
  }

  @Test
  void copiesOnlyWhatIsMissingAndTheSecondTimeNothing() throws IOException {
    SocketTarget t = connect();
    List<StorePath> paths = closure();
    assertThat(t.agentVersion()).isEqualTo("9.9");
    assertThat(t.queryMissing(paths)).containsExactlyInAnyOrderElementsOf(paths);

    long[] progress = new long[1];
    long bytes = t.importClosure(coordinator, t.queryMissing(paths), n -> progress[0] = n);

    assertThat(bytes).isPositive().isEqualTo(progress[0]);
    assertThat(t.queryMissing(paths)).isEmpty();
    for (StorePath p : paths) {
      assertThat(targetStore.requirePathInfo(p).narHash())
          .isEqualTo(coordinator.requirePathInfo(p).narHash());
    }
    assertThat(t.importClosure(coordinator, t.queryMissing(paths), n -> {})).isZero();
  }

  @Test
  void aWrongNarHashRegistersNothingAndTheSessionGoesOn() throws IOException {
    SocketTarget t = connect();
    List<StorePath> paths = closure();
    Socket raw = serve();
    DataOutputStream out = new DataOutputStream(raw.getOutputStream());
    DataInputStream in = new DataInputStream(raw.getInputStream());
    Frames.writeMagic(out);
    Frames.write(
        out,
        Map.of(
            "id",
            0,
            "op",
            "hello",
            "protocol",
            Frames.PROTOCOL,
            "cairn",
            "1.0",
            "storeDir",
            STORE_DIR,
            "target",
            "t1"));
    Frames.readMagic(in);
    assertThat(Frames.read(in)).containsEntry("ok", true);
    List<List<String>> rows = new ArrayList<>();
    for (StorePath p : paths) {
      rows.add(List.of(p.baseName(), "sha256:" + "0".repeat(52)));
    }
    String lies = Wire.pathList(rows);
    Frames.write(
        out,
        Map.of(
            "id", 1, "op", "importClosure", "paths", lies, "compression", "none", "payload", true));
    try (ChunkedOutputStream chunks =
        new ChunkedOutputStream(out, ChunkedOutputStream.Window.NONE, n -> {})) {
      coordinator.export(paths, chunks);
    }
    Map<String, Object> answer = Frames.read(in);
    while (answer.containsKey("ack")) { // what the agent had read, as it read it
      assertThat(answer).containsEntry("ack", 1);
      answer = Frames.read(in);
    }

    assertThat(answer).containsEntry("ok", false);
    assertThat(answer.get("error").toString()).contains("NAR hash", "nothing imported");
    assertThat(t.queryMissing(paths)).containsExactlyInAnyOrderElementsOf(paths);
    Frames.write(out, Map.of("id", 2, "op", "queryProfile", "profile", "default"));
    out.flush();
    assertThat(Frames.read(in)).containsEntry("ok", true);
  }

  @Test
  void aTransferAbortedHalfWayRegistersNothing() throws IOException {
    SocketTarget t = connect();
    List<StorePath> paths = closure();
    AgentSession s = sessionOf(t);
    assertThatThrownBy(
            () ->
                s.call(
                    "importClosure",
                    Map.of("paths", List.of(), "compression", "none"),
                    out -> {
                      coordinator.export(paths, new LimitedStream(out, 1 << 20));
                    },
                    n -> {},
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(10)))
        .hasMessageContaining("cut");
    assertThat(t.queryMissing(paths)).containsExactlyInAnyOrderElementsOf(paths);
    assertThat(t.importClosure(coordinator, paths, n -> {})).isPositive();
    assertThat(t.queryMissing(paths)).isEmpty();
  }

  @Test
  void aDifferentProtocolIsRefusedNamingBothVersions() throws IOException {
    Socket raw = serve();
    DataOutputStream out = new DataOutputStream(raw.getOutputStream());
    DataInputStream in = new DataInputStream(raw.getInputStream());
    Frames.writeMagic(out);
    Frames.write(
        out,
        Map.of(
            "id",
            0,
            "op",
            "hello",
            "protocol",
            99,
            "cairn",
            "7.0",
            "storeDir",
            STORE_DIR,
            "target",
            "t1"));
    out.flush();
    Frames.readMagic(in);
    Map<String, Object> answer = Frames.read(in);
    assertThat(answer).containsEntry("ok", false).containsEntry("protocol", Frames.PROTOCOL);
    assertThat(answer.get("error").toString())
        .contains(
            "Cairn 7.0 (agent protocol 99)", "Cairn 9.9 (agent protocol " + Frames.PROTOCOL + ")");
  }

  @Test
  void anotherStoreDirectoryIsRefusedWithTheFix() throws IOException {
    Socket s = serve();
    SocketTarget t =
        new SocketTarget(
            "t1",
            new AgentOptions(
                "1.0", "/elsewhere", Duration.ofSeconds(5), Duration.ofSeconds(5), true),
            s);
    assertThatThrownBy(
            () ->
                t.open(
                    new AgentSession(
                        "t1", s.getInputStream(), s.getOutputStream(), () -> {}, () -> "")))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("target 't1'")
        .hasMessageContaining("CAIRN_STORE_DIR=/elsewhere");
  }

  @Test
  void strayOutputBeforeTheProtocolIsQuoted() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture.runAsync(
          () -> {
            try (Socket c = server.accept()) {
              c.getOutputStream().write("Welcome to host!\n".getBytes());
              c.getInputStream().read();
            } catch (IOException ignored) {
              // the test is over
            }
          },
          Background.threads());
      Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
      closing.add(s);
      SocketTarget t = new SocketTarget("t1", options("1.0"), s);
      assertThatThrownBy(
              () ->
                  t.open(
                      new AgentSession(
                          "t1", s.getInputStream(), s.getOutputStream(), () -> {}, () -> "")))
          .hasMessageContaining("Welcome to h")
          .hasMessageContaining("login script");
    }
    TimeUnit.MILLISECONDS.sleep(1);
  }

  private static AgentSession sessionOf(AgentTarget t) {
    try {
      var f = AgentTarget.class.getDeclaredField("session");
      f.setAccessible(true);
      return (AgentSession) f.get(t);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Fails after {@code limit} bytes, as a sender whose disk went away would. */
  private static final class LimitedStream extends java.io.FilterOutputStream {
    private long left;

    LimitedStream(OutputStream out, long limit) {
      super(out);
      this.left = limit;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > left) {
        throw new IOException("cut after the limit");
      }
      left -= len;
      out.write(b, off, len);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
