package dev.cairn.agent;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the protocol's values look in JSON headers: mappings and errors. */
final class Wire {
  private Wire() {}

  static Map<String, Object> mapping(MappingActivation m) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("service", m.service());
    w.put("key", m.key());
    w.put("type", m.type());
    w.put("component", m.component().toString());
    w.put("container", m.container());
    w.put("containerProperties", m.containerProperties());
    w.put("attributes", m.attributes());
    return w;
  }

  static MappingActivation mapping(Object wire) throws Frames.ProtocolException {
    Map<String, Object> w = object(wire, "mapping");
    return new MappingActivation(
        text(w, "service"),
        text(w, "key"),
        text(w, "type"),
        Path.of(text(w, "component")),
        text(w, "container"),
        strings(w.get("containerProperties")),
        strings(w.get("attributes")));
  }

  static List<MappingActivation> mappings(Object wire) throws Frames.ProtocolException {
    if (!(wire instanceof List<?> list)) {
      throw new Frames.ProtocolException("expected a list of mappings, got " + wire);
    }
    List<MappingActivation> out = new java.util.ArrayList<>();
    for (Object o : list) {
      out.add(mapping(o));
    }
    return out;
  }

  static List<Object> mappings(List<MappingActivation> list) {
    return list.stream().map(m -> (Object) mapping(m)).toList();
  }

  /** An error as the agent sends it: its kind, message, and the activity's log if any. */
  static Map<String, Object> error(Exception e) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("kind", e instanceof LockRefusedException ? "lockRefused" : "failed");
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e instanceof TargetException te) {
      // The coordinator names the target itself.
      message = message.replaceFirst("^target '[^']*': ", "");
      te.log().ifPresent(l -> w.put("log", l.toString()));
      w.put("logTail", te.logTail());
    }
    w.put("message", message);
    return w;
  }

  /** The exception an agent's error stands for, on the coordinator's side. */
  static TargetException exception(String target, Object wire) {
    Map<String, Object> w = wire instanceof Map<?, ?> ? cast(wire) : Map.of();
    String message = String.valueOf(w.getOrDefault("message", "the agent reported an error"));
    if ("lockRefused".equals(w.get("kind"))) {
      return new LockRefusedException(target, message);
    }
    Optional<Path> log =
        w.get("log") instanceof String s ? Optional.of(Path.of(s)) : Optional.empty();
    List<String> tail =
        w.get("logTail") instanceof List<?> l
            ? l.stream().map(String::valueOf).toList()
            : List.of();
    return new TargetException(target, message, log, tail, null);
  }

  static String text(Map<String, Object> w, String key) throws Frames.ProtocolException {
    if (!(w.get(key) instanceof String s)) {
      throw new Frames.ProtocolException("field '" + key + "' is missing or not text: " + w);
    }
    return s;
  }

  static Map<String, Object> object(Object wire, String what) throws Frames.ProtocolException {
    if (!(wire instanceof Map<?, ?>)) {
      throw new Frames.ProtocolException("expected " + what + " as an object, got " + wire);
    }
    return cast(wire);
  }

  static List<String> textList(Object wire) throws Frames.ProtocolException {
    if (!(wire instanceof List<?> list)) {
      throw new Frames.ProtocolException("expected a list, got " + wire);
    }
    return list.stream().map(String::valueOf).toList();
  }

  /**
   * Many store paths (and what goes with each) as one string: a line per path, its fields separated
   * by spaces, which neither a base name nor a hash holds. A closure of thousands of paths is then
   * one JSON token on each side instead of thousands of values (and objects) to build and read
   * while both sides' code is still interpreted, just before a copy starts.
   */
  static String pathList(List<List<String>> rows) {
    StringBuilder s = new StringBuilder();
    for (List<String> row : rows) {
      s.append(String.join(" ", row)).append('\n');
    }
    return s.toString();
  }

  /**
   * The rows of a {@link #pathList}, each with exactly {@code fields} fields.
   *
   * @throws Frames.ProtocolException if the value is not such a list
   */
  static List<String[]> pathList(Object wire, int fields) throws Frames.ProtocolException {
    if (!(wire instanceof String s)) {
      throw new Frames.ProtocolException("expected a path list as text, got " + wire);
    }
    List<String[]> rows = new java.util.ArrayList<>();
    for (int start = 0; start < s.length(); ) {
      int end = s.indexOf('\n', start);
      if (end < 0) {
        throw new Frames.ProtocolException("a path list's last line is unterminated");
      }
      String[] row = s.substring(start, end).split(" ", -1);
      if (row.length != fields) {
        throw new Frames.ProtocolException(
            "a path list line has " + row.length + " fields, not " + fields);
      }
      rows.add(row);
      start = end + 1;
    }
    return rows;
  }

  static Map<String, String> strings(Object wire) {
    Map<String, String> out = new LinkedHashMap<>();
    if (wire instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object wire) {
    return (Map<String, Object>) wire;
  }
}
