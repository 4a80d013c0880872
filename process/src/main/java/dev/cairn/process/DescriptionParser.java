package dev.cairn.process;

import dev.cairn.process.ProcessSpec.Condition;
import dev.cairn.process.ProcessSpec.Credentials;
import dev.cairn.process.ProcessSpec.Dependency;
import dev.cairn.process.ProcessSpec.Policy;
import dev.cairn.process.ProcessSpec.ProbeKind;
import dev.cairn.process.ProcessSpec.Readiness;
import dev.cairn.process.ProcessSpec.Restart;
import dev.cairn.process.ProcessSpec.User;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlList;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import dev.cairn.store.yaml.YamlValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the process-manager-agnostic description (already substituted) into a {@link ProcessSpec},
 * applying {@code overrides.<processManager>} first.
 */
final class DescriptionParser {
  static final List<String> KEYS =
      List.of(
          "description",
          "process",
          "args",
          "foregroundArgs",
          "daemonArgs",
          "daemonOnly",
          "environment",
          "directory",
          "path",
          "initialize",
          "user",
          "credentials",
          "pidFile",
          "umask",
          "nice",
          "dependencies",
          "ports",
          "readiness",
          "restart",
          "stopTimeout",
          "overrides",
          "files");
  static final List<String> BACKENDS = List.of("cairn", "supervisord", "sysvinit");
  static final List<String> DEPENDENCY_KEYS = List.of("name", "condition");
  static final List<String> CONDITIONS = List.of("started", "healthy", "completed");
  static final List<String> PROBES = List.of("tcp", "http", "exec", "logLine");
  static final List<String> READINESS_KEYS =
      List.of("tcp", "http", "exec", "logLine", "period", "timeout");
  static final List<String> RESTART_KEYS = List.of("policy", "backoff", "maxRestarts");
  static final List<String> POLICIES = List.of("no", "false", "on-failure", "always");
  static final List<String> CREDENTIALS_KEYS = List.of("groups", "users");
  static final List<String> GROUP_KEYS = List.of("gid");
  static final List<String> USER_KEYS = List.of("uid", "group", "description", "homeDir");

  private DescriptionParser() {}

  static ProcessSpec parse(String name, YamlMap description, String processManager)
      throws YamlException {
    String what = "process '" + name + "'";
    YamlMapReader r = YamlMapReader.of(description, what).allowOnly(KEYS);
    Map<String, String> managerOptions = new LinkedHashMap<>();
    r = applyOverrides(r, processManager, managerOptions, what);
    long stopTimeout = r.optional("stopTimeout").isPresent() ? millis(r, "stopTimeout") : 10_000;
    try {
      return new ProcessSpec(
          name,
          r.optionalString("description").orElse(null),
          r.requiredString("process"),
          r.stringList("args"),
          r.stringList("foregroundArgs"),
          r.stringList("daemonArgs"),
          r.bool("daemonOnly", false),
          r.stringMap("environment"),
          r.optionalString("directory").orElse(null),
          r.stringList("path"),
          r.optionalString("initialize").orElse(null),
          r.optionalString("user").orElse(null),
          credentials(r),
          r.optionalString("pidFile").orElse(null),
          r.optionalString("umask").orElse(null),
          r.has("nice") ? integer(r.required("nice"), r.what("nice")) : null,
          dependencies(r),
          ports(r),
          readiness(r),
          restart(r),
          stopTimeout,
          managerOptions,
          r.stringMap("files"));
    } catch (IllegalArgumentException e) {
      throw new YamlException(r.location(), e.getMessage() + " in " + what);
    }
  }

  /** Merges the description keys of {@code overrides.<pm>} over the description. */
  private static YamlMapReader applyOverrides(
      YamlMapReader r, String pm, Map<String, String> managerOptions, String what)
      throws YamlException {
    Optional<YamlMapReader> overrides = r.optionalMap("overrides", "'overrides' of " + what);
    if (overrides.isEmpty()) {
      return r;
    }
    overrides.get().allowOnly(BACKENDS);
    Optional<YamlMapReader> mine = overrides.get().optionalMap(pm, "'" + pm + "' overrides");
    if (mine.isEmpty()) {
      return r;
    }
    Map<String, YamlMap.Entry> merged = new LinkedHashMap<>(r.map().entries());
    for (YamlMap.Entry e : mine.get().map().entries().values()) {
      if (KEYS.contains(e.key()) && !e.key().equals("overrides")) {
        merged.put(e.key(), e);
      } else {
        managerOptions.put(e.key(), scalarOrList(e.value(), mine.get().what(e.key())));
      }
    }
    return YamlMapReader.of(new YamlMap(r.location(), merged), what);
  }

  private static String scalarOrList(YamlNode node, String what) throws YamlException {
    if (node instanceof YamlList) {
      return String.join(" ", YamlValues.stringList(node, what));
    }
    return YamlValues.string(node, what);
  }

  static int integer(YamlNode node, String what) throws YamlException {
    if (node instanceof YamlScalar s && s.text().matches("-?\\d{1,9}")) {
      return Integer.parseInt(s.text());
    }
    throw YamlValues.wrongType(node, what, "an integer");
  }

  /** A duration: {@code 500ms}, {@code 2s}, {@code 1m}, or a number of seconds. */
  static long millis(YamlMapReader r, String key) throws YamlException {
    YamlNode node = r.required(key);
    String text = YamlValues.string(node, r.what(key)).strip();
    var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)?").matcher(text);
    if (!m.matches()) {
      throw new YamlException(
          node.location(),
          r.what(key) + " must be a duration such as 500ms, 2s or 1m, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> n;
      case "m" -> n * 60_000;
      default -> n * 1000;
    };
  }

  private static List<Integer> ports(YamlMapReader r) throws YamlException {
    List<Integer> ports = new ArrayList<>();
    Optional<YamlNode> node = r.optional("ports");
    if (node.isPresent()) {
      for (YamlNode item : YamlValues.list(node.get(), r.what("ports")).items()) {
        int port = integer(item, "a port of " + r.what("ports"));
        if (port < 1 || port > 65535) {
          throw new YamlException(item.location(), "port " + port + " is not in 1–65535");
        }
        ports.add(port);
      }
    }
    return ports;
  }

  private static List<Dependency> dependencies(YamlMapReader r) throws YamlException {
    List<Dependency> deps = new ArrayList<>();
    Optional<YamlNode> node = r.optional("dependencies");
    if (node.isEmpty()) {
      return deps;
    }
    for (YamlNode item : YamlValues.list(node.get(), r.what("dependencies")).items()) {
      if (item instanceof YamlScalar) {
        deps.add(new Dependency(YamlValues.string(item, "a dependency"), Condition.HEALTHY));
        continue;
      }
      YamlMapReader d =
          YamlMapReader.of(item, "a dependency of " + r.description()).allowOnly(DEPENDENCY_KEYS);
      deps.add(new Dependency(d.requiredString("name"), condition(d)));
    }
    return deps;
  }

  private static Condition condition(YamlMapReader d) throws YamlException {
    String text = d.optionalString("condition").orElse("healthy");
    return switch (text) {
      case "started" -> Condition.STARTED;
      case "healthy" -> Condition.HEALTHY;
      case "completed" -> Condition.COMPLETED;
      default ->
          throw d.error(
              "condition",
              "condition '" + text + "' is unknown; use started, healthy or completed");
    };
  }

  private static Readiness readiness(YamlMapReader r) throws YamlException {
    Optional<YamlMapReader> node = r.optionalMap("readiness", r.what("readiness"));
    if (node.isEmpty()) {
      return null;
    }
    YamlMapReader p = node.get().allowOnly(READINESS_KEYS);
    List<String> kinds = new ArrayList<>();
    for (String k : PROBES) {
      if (p.has(k)) {
        kinds.add(k);
      }
    }
    if (kinds.size() != 1) {
      throw new YamlException(
          p.location(), p.description() + " needs exactly one of tcp, http, exec or logLine");
    }
    String kind = kinds.get(0);
    String target = p.requiredString(kind);
    if (kind.equals("tcp") && !target.contains(":")) {
      target = "127.0.0.1:" + target;
    }
    long period = p.has("period") ? millis(p, "period") : 100;
    long timeout = p.has("timeout") ? millis(p, "timeout") : 60_000;
    ProbeKind probe =
        switch (kind) {
          case "tcp" -> ProbeKind.TCP;
          case "http" -> ProbeKind.HTTP;
          case "exec" -> ProbeKind.EXEC;
          default -> ProbeKind.LOG_LINE;
        };
    return new Readiness(probe, target, period, timeout);
  }

  private static Restart restart(YamlMapReader r) throws YamlException {
    Optional<YamlNode> node = r.optional("restart");
    if (node.isEmpty()) {
      return Restart.DEFAULT;
    }
    if (node.get() instanceof YamlScalar) {
      return new Restart(policy(r, "restart"), 1000, Restart.DEFAULT.maxRestarts());
    }
    YamlMapReader p = r.requiredMap("restart", r.what("restart")).allowOnly(RESTART_KEYS);
    return new Restart(
        p.has("policy") ? policy(p, "policy") : Policy.ON_FAILURE,
        p.has("backoff") ? millis(p, "backoff") : 1000,
        p.has("maxRestarts")
            ? integer(p.required("maxRestarts"), p.what("maxRestarts"))
            : Restart.DEFAULT.maxRestarts());
  }

  private static Policy policy(YamlMapReader r, String key) throws YamlException {
    String text = r.requiredString(key);
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "no", "false" -> Policy.NO;
      case "on-failure" -> Policy.ON_FAILURE;
      case "always" -> Policy.ALWAYS;
      default ->
          throw r.error(
              key, "restart policy '" + text + "' is unknown; use no, on-failure or always");
    };
  }

  private static Credentials credentials(YamlMapReader r) throws YamlException {
    Optional<YamlMapReader> node = r.optionalMap("credentials", r.what("credentials"));
    if (node.isEmpty()) {
      return Credentials.NONE;
    }
    YamlMapReader c = node.get().allowOnly(CREDENTIALS_KEYS);
    Map<String, Integer> groups = new LinkedHashMap<>();
    Optional<YamlMapReader> g = c.optionalMap("groups", "'groups' of credentials");
    if (g.isPresent()) {
      for (YamlMap.Entry e : g.get().map().entries().values()) {
        YamlMapReader gr = YamlMapReader.of(e.value(), "group '" + e.key() + "'");
        gr.allowOnly(GROUP_KEYS);
        groups.put(e.key(), gr.has("gid") ? integer(gr.required("gid"), gr.what("gid")) : null);
      }
    }
    Map<String, User> users = new LinkedHashMap<>();
    Optional<YamlMapReader> u = c.optionalMap("users", "'users' of credentials");
    if (u.isPresent()) {
      for (YamlMap.Entry e : u.get().map().entries().values()) {
        YamlMapReader ur = YamlMapReader.of(e.value(), "user '" + e.key() + "'");
        ur.allowOnly(USER_KEYS);
        users.put(
            e.key(),
            new User(
                ur.has("uid") ? integer(ur.required("uid"), ur.what("uid")) : null,
                ur.optionalString("group").orElse(null),
                ur.optionalString("description").orElse(null),
                ur.optionalString("homeDir").orElse(null)));
      }
    }
    return new Credentials(groups, users);
  }
}
