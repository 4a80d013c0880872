package dev.cairn.process;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Copies of a {@link ProcessSpec} with its strings rewritten. */
final class Specs {
  private Specs() {}

  /** Replaces {@code marker} in every string that runs or configures the process. */
  static ProcessSpec replacing(ProcessSpec s, String marker, String value) {
    UnaryOperator<String> r = t -> t == null ? null : t.replace(marker, value);
    Map<String, String> env = new TreeMap<>();
    s.environment().forEach((k, v) -> env.put(k, r.apply(v)));
    return new ProcessSpec(
        s.name(),
        s.description(),
        r.apply(s.process()),
        map(s.args(), r),
        map(s.foregroundArgs(), r),
        map(s.daemonArgs(), r),
        s.daemonOnly(),
        env,
        r.apply(s.directory()),
        map(s.path(), r),
        r.apply(s.initialize()),
        s.user(),
        s.credentials(),
        s.pidFile(),
        s.umask(),
        s.nice(),
        s.dependencies(),
        s.ports(),
        s.readiness(),
        s.restart(),
        s.stopTimeoutMillis(),
        s.managerOptions(),
        s.files());
  }

  private static List<String> map(List<String> list, UnaryOperator<String> r) {
    return list.stream().map(r).toList();
  }
}
