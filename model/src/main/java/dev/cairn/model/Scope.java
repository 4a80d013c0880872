package dev.cairn.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names an expression may use ({@code self}, {@code deps}, {@code params}, {@code global}), and
 * for names that exist elsewhere but not here, why not.
 *
 * @param names the values by top-level name
 * @param unavailable explanations by name, for names valid in another place
 */
record Scope(Map<String, Object> names, Map<String, String> unavailable) {
  Scope {
    names = Values.copy(names);
    unavailable = Values.copy(unavailable);
  }

  /** A copy with {@code name} bound to {@code value}. */
  Scope with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(names);
    more.put(name, value);
    Map<String, String> less = new LinkedHashMap<>(unavailable);
    less.remove(name);
    return new Scope(more, less);
  }

  /** A copy with {@code name} unbound, explained by {@code why}. */
  Scope without(String name, String why) {
    Map<String, Object> less = new LinkedHashMap<>(names);
    less.remove(name);
    Map<String, String> more = new LinkedHashMap<>(unavailable);
    more.put(name, why);
    return new Scope(less, more);
  }
}
