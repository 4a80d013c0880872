package dev.cairn.agent;

import dev.cairn.store.GcReport;
import dev.cairn.store.LocalStore;
import dev.cairn.store.PathInfo;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A target reached through an agent session, whatever carries it (ssh today): each operation is a
 * request, answered by the {@link AgentServer} at the other end.
 */
abstract class AgentTarget implements TargetClient {
  private final String name;
  private final AgentOptions options;
  private AgentSession session;
  private String agentVersion = "?";

  AgentTarget(String name, AgentOptions options) {
    this.name = name;
    this.options = options;
  }

  /**
   * Starts {@code session} and says hello: both sides' protocol and Cairn versions, the store
   * directory, the activity timeout.
   *
   * @throws TargetException if the agent refuses, naming both versions when they disagree
   */
  final void open(AgentSession s) throws IOException {
    this.session = s;
    s.start();
    Map<String, Object> hello = new LinkedHashMap<>();
    hello.put("protocol", Frames.PROTOCOL);
    hello.put("cairn", options.cairnVersion());
    hello.put("storeDir", options.storeDir());
    hello.put("target", name);
    hello.put("activityTimeoutSeconds", options.activityTimeout().toSeconds());
    Map<String, Object> answer = s.call("hello", hello, options.timeout());
    agentVersion = String.valueOf(answer.get("cairn"));
    checkVersions(answer);
  }

  /** Throws unless the agent's protocol is this coordinator's. */
  private void checkVersions(Map<String, Object> answer) throws TargetException {
    Object protocol = answer.get("protocol");
    if (!Integer.valueOf(Frames.PROTOCOL).equals(protocol)) {
      throw versionMismatch(protocol, answer.get("cairn"));
    }
  }

  TargetException versionMismatch(Object protocol, Object cairn) {
    return new TargetException(
        name,
        "the coordinator runs Cairn "
            + options.cairnVersion()
            + " (agent protocol "
            + Frames.PROTOCOL
            + ") but the target's agent runs Cairn "
            + cairn
            + " (agent protocol "
            + protocol
            + "); install the same Cairn version on both (cairn bootstrap "
            + name
            + ")");
  }

  /** Returns the agent's Cairn version, once connected. */
  public String agentVersion() {
    return agentVersion;
  }

  @Override
  public String target() {
    return name;
  }

  private Duration activities(int count) {
    return options.timeout().plus(options.activityTimeout().multipliedBy(Math.max(1, count)));
  }

  @Override
  public void lock(String profile, List<MappingActivation> installed) throws IOException {
    session.call(
        "lock",
        Map.of("profile", profile, "installed", Wire.mappings(installed)),
        activities(installed.size()));
  }

  @Override
  public void unlock(String profile, List<MappingActivation> installed) throws IOException {
    session.call(
        "unlock",
        Map.of("profile", profile, "installed", Wire.mappings(installed)),
        activities(installed.size()));
  }

  @Override
  public void activate(MappingActivation mapping) throws IOException {
    session.call("activate", Map.of("mapping", Wire.mapping(mapping)), activities(1));
  }

  @Override
  public void deactivate(MappingActivation mapping) throws IOException {
    session.call("deactivate", Map.of("mapping", Wire.mapping(mapping)), activities(1));
  }

  @Override
  public void setProfile(String profile, StorePath path) throws IOException {
    session.call(
        "setProfile", Map.of("profile", profile, "path", path.baseName()), options.timeout());
  }

  @Override
  public Optional<StorePath> queryProfile(String profile) throws IOException {
    Object p =
        session.call("queryProfile", Map.of("profile", profile), options.timeout()).get("path");
    return p instanceof String s ? Optional.of(StorePath.parseBaseName(s)) : Optional.empty();
  }

  @Override
  public Set<StorePath> queryMissing(Collection<StorePath> paths) throws IOException {
    List<StorePath> asked = List.copyOf(new LinkedHashSet<>(paths));
    List<List<String>> rows = new ArrayList<>();
    for (StorePath p : asked) {
      rows.add(List.of(p.baseName()));
    }
    Map<String, Object> args = Map.of("paths", Wire.pathList(rows));
    Object flags = session.call("queryMissing", args, options.timeout()).get("missing");
    if (!(flags instanceof String f) || f.length() != asked.size() || !f.matches("[01]*")) {
      throw new Frames.ProtocolException(
          "expected a flag per path asked (" + asked.size() + "), got " + flags);
    }
    Set<StorePath> out = new LinkedHashSet<>();
    for (int i = 0; i < asked.size(); i++) {
      if (f.charAt(i) == '1') {
        out.add(asked.get(i));
      }
    }
    return out;
  }

  @Override
  public long importClosure(LocalStore source, Collection<StorePath> paths, LongConsumer progress)
      throws IOException {
    return paths.isEmpty() ? 0 : importInOrder(source, source.exportOrder(paths), progress);
  }

  /**
   * As {@link #importClosure}, for paths whose metadata the caller has at hand already, in an order
   * where each follows those of them it refers to ({@link LocalStore#exportOrder}).
   *
   * @return the bytes sent on the wire
   */
  public long importInOrder(LocalStore source, List<PathInfo> sorted, LongConsumer progress)
      throws IOException {
    if (sorted.isEmpty()) {
      return 0;
    }
    List<List<String>> announced = new ArrayList<>();
    for (PathInfo info : sorted) {
      announced.add(List.of(info.path().baseName(), info.narHash().toNixString()));
    }
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("paths", Wire.pathList(announced));
    args.put("compression", options.compress() ? "gzip" : "none");
    long[] wire = new long[1];
    LongConsumer counting =
        n -> {
          wire[0] = n;
          progress.accept(n);
        };
    session.call(
        "importClosure",
        args,
        out -> export(source, sorted, out),
        counting,
        options.timeout(),
        activities(1));
    return wire[0];
  }

  private void export(LocalStore source, List<PathInfo> sorted, OutputStream out)
      throws IOException {
    if (!options.compress()) {
      source.exportInOrder(sorted, out);
      return;
    }
    GZIPOutputStream gz =
        new GZIPOutputStream(out, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        };
    source.exportInOrder(sorted, gz);
    gz.finish();
  }

  @Override
  public GcReport collectGarbage(boolean deleteOld) throws IOException {
    Map<String, Object> a =
        session.call("collectGarbage", Map.of("deleteOld", deleteOld), activities(1));
    List<StorePath> deleted =
        Wire.textList(a.get("deleted")).stream().map(StorePath::parseBaseName).toList();
    return new GcReport(
        deleted,
        ((Number) a.get("bytesFreed")).longValue(),
        ((Number) a.get("roots")).intValue(),
        false);
  }

  @Override
  public TargetConfig captureConfig() throws IOException {
    Map<String, Object> a = session.call("captureConfig", Map.of(), options.timeout());
    Map<String, Map<String, String>> containers = new LinkedHashMap<>();
    Wire.object(a.get("containers"), "containers")
        .forEach((k, v) -> containers.put(k, Wire.strings(v)));
    return new TargetConfig(
        Wire.strings(a.get("properties")),
        containers,
        Wire.text(a, "system"),
        ((Number) a.get("numOfCores")).intValue());
  }

  /** Says bye, then closes the transport. */
  @Override
  public void close() throws IOException {
    try {
      if (session != null) {
        session.call("bye", Map.of(), options.timeout());
      }
    } catch (IOException ignored) {
      // The session is ending anyway.
    } finally {
      if (session != null) {
        session.close();
      }
      closeTransport();
    }
  }

  /** Ends the transport (waits for ssh to exit, say). */
  abstract void closeTransport() throws IOException;
}
