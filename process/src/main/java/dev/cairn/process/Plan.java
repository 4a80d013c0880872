package dev.cairn.process;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a switch does: stop what left or changed (dependents first), start what is new or changed
 * (dependencies first), keep the rest running.
 *
 * @param stop processes to stop, dependents first
 * @param start processes to start, dependencies first
 * @param keep processes left running
 */
public record Plan(List<String> stop, List<String> start, List<String> keep) {
  /** Copies the lists. */
  public Plan {
    stop = List.copyOf(stop);
    start = List.copyOf(start);
    keep = List.copyOf(keep);
  }

  /** Compares the current profile (if any) with the next one. */
  public static Plan between(Optional<ProfileDocument> old, ProfileDocument next) {
    List<ProcessSpec> before = old.map(ProfileDocument::processes).orElse(List.of());
    boolean everything =
        old.isPresent()
            && (!old.get().processManager().equals(next.processManager())
                || !old.get().global().equals(next.global()));
    List<String> stop = new ArrayList<>();
    List<String> keep = new ArrayList<>();
    for (ProcessSpec p : before) {
      if (!everything && p.equals(next.process(p.name()))) {
        keep.add(p.name());
      } else {
        stop.add(p.name());
      }
    }
    Collections.reverse(stop);
    List<String> start = new ArrayList<>();
    for (ProcessSpec p : next.processes()) {
      if (!keep.contains(p.name())) {
        start.add(p.name());
      }
    }
    return new Plan(stop, start, keep);
  }

  /** Whether nothing changes. */
  public boolean isEmpty() {
    return stop.isEmpty() && start.isEmpty();
  }
}
