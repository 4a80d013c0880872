package dev.cairn.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The difference between two manifests: the mappings to deactivate (in the old manifest only) and
 * to activate (in the new one only), each with the order constraints among them. Mappings are
 * matched by key — service hash, target, container — so a service whose package or dependencies
 * changed is deactivated in its old form and activated in its new one.
 *
 * @param from the deployment now
 * @param to the deployment wanted
 * @param deactivate mappings to deactivate
 * @param activate mappings to activate
 */
public record TransitionPlan(
    Manifest from, Manifest to, List<MappingEntry> deactivate, List<MappingEntry> activate) {
  /** Copies the lists. */
  public TransitionPlan {
    deactivate = List.copyOf(deactivate);
    activate = List.copyOf(activate);
  }

  /** Compares two manifests. */
  public static TransitionPlan between(Manifest from, Manifest to) {
    Set<String> oldKeys = keys(from);
    Set<String> newKeys = keys(to);
    List<MappingEntry> off = new ArrayList<>();
    for (MappingEntry m : from.mappings()) {
      if (!newKeys.contains(m.key())) {
        off.add(m);
      }
    }
    List<MappingEntry> on = new ArrayList<>();
    for (MappingEntry m : to.mappings()) {
      if (!oldKeys.contains(m.key())) {
        on.add(m);
      }
    }
    return new TransitionPlan(from, to, off, on);
  }

  private static Set<String> keys(Manifest m) {
    Set<String> keys = new HashSet<>();
    m.mappings().forEach(x -> keys.add(x.key()));
    return keys;
  }

  /** Returns whether nothing changes. */
  public boolean isEmpty() {
    return deactivate.isEmpty() && activate.isEmpty();
  }

  /** Returns the targets whose mappings or profiles this transition touches. */
  public Set<String> targets() {
    Set<String> t = new TreeSet<>(from.targets().keySet());
    t.addAll(to.targets().keySet());
    return t;
  }

  /**
   * Returns, for each mapping of {@code manifest}, the mappings it must come after: those of the
   * services it depends on or activates after (on any target).
   */
  static Map<String, List<MappingEntry>> dependencies(Manifest manifest) {
    Map<String, List<MappingEntry>> byService = new HashMap<>();
    for (MappingEntry m : manifest.mappings()) {
      byService.computeIfAbsent(m.service(), k -> new ArrayList<>()).add(m);
    }
    Map<String, String> hashByName = new HashMap<>();
    manifest.services().forEach((hash, s) -> hashByName.put(s.name(), hash));
    Map<String, List<MappingEntry>> deps = new HashMap<>();
    for (MappingEntry m : manifest.mappings()) {
      ServiceEntry s = manifest.services().get(m.service());
      List<MappingEntry> list = new ArrayList<>();
      for (String h : s.dependsOn()) {
        list.addAll(byService.getOrDefault(h, List.of()));
      }
      for (String name : s.activatesAfter()) {
        list.addAll(byService.getOrDefault(hashByName.get(name), List.of()));
      }
      deps.put(m.key(), list);
    }
    return deps;
  }
}
