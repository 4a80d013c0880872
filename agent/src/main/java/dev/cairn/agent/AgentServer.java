package dev.cairn.agent;

import dev.cairn.activation.Activator;
import dev.cairn.store.Background;
import dev.cairn.store.GcReport;
import dev.cairn.store.Hash;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StoreDir;
import dev.cairn.store.StorePath;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The target side of one agent session (what {@code cairn agent --stdio} runs): says hello, then
 * answers requests until the coordinator says bye or the stream ends. Activation goes through a
 * {@link LocalTarget} over this machine's store; closures arrive as chunked export streams and are
 * checked against the NAR hashes announced in their header before anything is registered. Requests
 * without a payload run concurrently (activations in parallel up to the coordinator's bound); a
 * payload is read in order, as it arrives.
 */
public final class AgentServer {
  private final StoreDir storeDir;
  private final CompletableFuture<LocalStore> store;
  private final Activator activator;
  private final String cairnVersion;
  private final Consumer<String> log;

  /**
   * A server over {@code store}.
   *
   * @param cairnVersion this Cairn's version, told to the coordinator
   * @param log where the agent's log lines go (never the protocol stream)
   */
  public AgentServer(
      LocalStore store, Activator activator, String cairnVersion, Consumer<String> log) {
    this(store.storeDir(), CompletableFuture.completedFuture(store), activator, cairnVersion, log);
  }

  /**
   * A server over the store {@code opening} will give, whose logical directory is {@code storeDir}:
   * hello is answered without it, so that a session's agent opens its store (the database, some 0.1
   * s in a fresh JVM) while the coordinator reads the answer and sends its first request. A store
   * that fails to open ends the session after hello, with that failure.
   */
  public AgentServer(
      StoreDir storeDir,
      CompletableFuture<LocalStore> opening,
      Activator activator,
      String cairnVersion,
      Consumer<String> log) {
    this.storeDir = storeDir;
    this.store = opening;
    this.activator = activator;
    this.cairnVersion = cairnVersion;
    this.log = log;
  }

  /** The store, once open. */
  private LocalStore store() throws IOException {
    return Background.join(store);
  }

  /**
   * Serves one session on {@code in} and {@code out}.
   *
   * @throws IOException if the stream breaks or is not the protocol
   */
  public void serve(InputStream in, OutputStream out) throws IOException {
    DataInputStream din = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    DataOutputStream dout = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    Frames.writeMagic(dout);
    Frames.readCoordinatorMagic(din);
    LocalTarget target = hello(din, dout);
    if (target == null) {
      return;
    }
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      loop(din, dout, target, pool);
    } finally {
      pool.shutdown();
      awaitQuietly(pool);
      target.close();
    }
  }

  private LocalTarget hello(DataInputStream in, DataOutputStream out) throws IOException {
    Map<String, Object> h = Frames.read(in);
    if (h == null) {
      return null;
    }
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("id", h.get("id"));
    reply.put("protocol", Frames.PROTOCOL);
    reply.put("cairn", cairnVersion);
    reply.put("storeDir", storeDir.path());
    String refusal = refusal(h);
    reply.put("ok", refusal == null);
    if (refusal != null) {
      reply.put("error", Map.of("kind", "hello", "message", refusal));
      log.accept("refused a session: " + refusal);
    }
    send(out, reply);
    if (refusal != null) {
      return null;
    }
    String name = Wire.text(h, "target");
    long seconds = ((Number) h.getOrDefault("activityTimeoutSeconds", 300)).longValue();
    LocalStore opened = store();
    log.accept("session for target '" + name + "' with cairn " + h.get("cairn"));
    return new LocalTarget(name, opened, activator, Duration.ofSeconds(seconds));
  }

  private String refusal(Map<String, Object> h) {
    if (!"hello".equals(h.get("op"))) {
      return "expected hello, got " + h.get("op");
    }
    if (!Integer.valueOf(Frames.PROTOCOL).equals(h.get("protocol"))) {
      return "the coordinator runs Cairn "
          + h.get("cairn")
          + " (agent protocol "
          + h.get("protocol")
          + ") but this agent runs Cairn "
          + cairnVersion
          + " (agent protocol "
          + Frames.PROTOCOL
          + "); install the same Cairn version on both (cairn bootstrap)";
    }
    if (!storeDir.path().equals(h.get("storeDir"))) {
      return "the agent's store directory is "
          + storeDir.path()
          + " but the coordinator's is "
          + h.get("storeDir")
          + "; store paths only carry over between equal store directories: run the agent with"
          + " CAIRN_STORE_DIR="
          + h.get("storeDir")
          + " (or --store-dir)";
    }
    return null;
  }

  private void loop(DataInputStream in, DataOutputStream out, LocalTarget t, ExecutorService pool)
      throws IOException {
    while (true) {
      Map<String, Object> req = Frames.read(in);
      if (req == null) {
        return;
      }
      Object id = req.get("id");
      String op = String.valueOf(req.get("op"));
      if (op.equals("bye")) {
        pool.shutdown();
        awaitQuietly(pool);
        send(out, Map.of("id", id, "ok", true));
        return;
      }
      if (Boolean.TRUE.equals(req.get("payload"))) {
        ChunkedInputStream payload = new ChunkedInputStream(in, bytes -> ack(out, id, bytes));
        answer(out, id, op, () -> importClosure(req, payload));
      } else {
        pool.execute(() -> answer(out, id, op, () -> handle(t, op, req)));
      }
    }
  }

  /** One operation's work: returns the reply's fields. */
  private interface Work {
    Map<String, Object> run() throws Exception;
  }

  private void answer(DataOutputStream out, Object id, String op, Work work) {
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("id", id);
    try {
      reply.putAll(work.run());
      reply.put("ok", true);
    } catch (Exception e) {
      log.accept(op + " failed: " + e.getMessage());
      reply.put("ok", false);
      reply.put("error", Wire.error(e));
    }
    try {
      send(out, reply);
    } catch (IOException e) {
      log.accept("cannot answer " + op + ": " + e.getMessage());
    }
  }

  /** Tells the sender of request {@code id}'s payload how much of it was read (Frames.WINDOW). */
  private static void ack(DataOutputStream out, Object id, long bytes) throws IOException {
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("ack", id);
    ack.put("bytes", bytes);
    send(out, ack);
  }

  private static void send(DataOutputStream out, Map<String, Object> reply) throws IOException {
    synchronized (out) {
      Frames.write(out, reply);
      out.flush();
    }
  }

  private Map<String, Object> handle(LocalTarget t, String op, Map<String, Object> req)
      throws IOException {
    switch (op) {
      case "queryMissing":
        return Map.of("missing", missingFlags(t, paths(req.get("paths"))));
      case "lock":
        t.lock(Wire.text(req, "profile"), Wire.mappings(req.get("installed")));
        return Map.of();
      case "unlock":
        t.unlock(Wire.text(req, "profile"), Wire.mappings(req.get("installed")));
        return Map.of();
      case "activate":
        t.activate(Wire.mapping(req.get("mapping")));
        return Map.of();
      case "deactivate":
        t.deactivate(Wire.mapping(req.get("mapping")));
        return Map.of();
      case "setProfile":
        t.setProfile(Wire.text(req, "profile"), StorePath.parseBaseName(Wire.text(req, "path")));
        return Map.of();
      case "queryProfile":
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(
            "path",
            t.queryProfile(Wire.text(req, "profile")).map(StorePath::baseName).orElse(null));
        return r;
      case "collectGarbage":
        GcReport gc = t.collectGarbage(Boolean.TRUE.equals(req.get("deleteOld")));
        return Map.of(
            "deleted", names(gc.deleted()), "bytesFreed", gc.bytesFreed(), "roots", gc.roots());
      case "captureConfig":
        TargetConfig c = t.captureConfig();
        return Map.of(
            "properties", c.properties(),
            "containers", c.containers(),
            "system", c.system(),
            "numOfCores", c.numOfCores());
      default:
        throw new Frames.ProtocolException("unknown operation '" + op + "'");
    }
  }

  private Map<String, Object> importClosure(Map<String, Object> req, ChunkedInputStream payload)
      throws IOException {
    Map<StorePath, Hash> expected = new LinkedHashMap<>();
    try {
      for (String[] row : Wire.pathList(req.get("paths"), 2)) {
        expected.put(StorePath.parseBaseName(row[0]), Hash.parse(row[1]));
      }
      InputStream body =
          "gzip".equals(req.get("compression")) ? new GZIPInputStream(payload, 1 << 16) : payload;
      List<StorePath> imported = store().importPaths(body, expected);
      payload.drain();
      log.accept("imported " + imported.size() + " paths (" + payload.total() + " bytes)");
      return Map.of("imported", imported.size(), "bytes", payload.total());
    } catch (IOException | RuntimeException e) {
      // Keep the session in step for the next request: skip what is left of the payload.
      try {
        payload.drain();
      } catch (IOException broken) {
        e.addSuppressed(broken);
      }
      throw e;
    }
  }

  private static List<StorePath> paths(Object wire) throws Frames.ProtocolException {
    List<StorePath> paths = new ArrayList<>();
    for (String[] row : Wire.pathList(wire, 1)) {
      paths.add(StorePath.parseBaseName(row[0]));
    }
    return paths;
  }

  private static List<String> names(Collection<StorePath> paths) {
    return paths.stream().map(StorePath::baseName).toList();
  }

  /** A flag per path asked, in order: 1 if it is missing here, else 0. */
  private static String missingFlags(LocalTarget t, List<StorePath> asked) throws IOException {
    Set<StorePath> missing = t.queryMissing(asked);
    StringBuilder flags = new StringBuilder(asked.size());
    for (StorePath p : asked) {
      flags.append(missing.contains(p) ? '1' : '0');
    }
    return flags.toString();
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(1, TimeUnit.HOURS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
