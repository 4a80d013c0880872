package dev.cairn.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sequence numbers from dependencies: one more than the highest of a process's dependencies. */
final class Sequence {
  private Sequence() {}

  /** For processes listed dependencies first; a process without dependencies gets 1. */
  static Map<String, Integer> of(List<ProcessSpec> processes) {
    Map<String, Integer> seq = new HashMap<>();
    for (ProcessSpec p : processes) {
      int max = 0;
      for (ProcessSpec.Dependency d : p.dependencies()) {
        max = Math.max(max, seq.getOrDefault(d.name(), 0));
      }
      seq.put(p.name(), max + 1);
    }
    return seq;
  }
}
