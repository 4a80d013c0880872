package dev.cairn.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small manifests for tests: services named by hash, mapped onto targets, in container "c". */
final class Manifests {
  private final Map<String, ServiceEntry> services = new LinkedHashMap<>();
  private final List<MappingEntry> mappings = new ArrayList<>();
  private final Map<String, TargetEntry> targets = new LinkedHashMap<>();

  /** A target with {@code cores} cores. */
  Manifests target(String name, int cores) {
    targets.put(name, new TargetEntry(name, Map.of(), cores, "local", null, null));
    return this;
  }

  /** Service {@code hash} (named {@code name}) depending on {@code dependsOn}, on {@code on}. */
  Manifests service(String hash, String name, List<String> dependsOn, String... on) {
    return service(hash, name, dependsOn, List.of(), on);
  }

  /** As above, also activating after the services named {@code after}. */
  Manifests service(
      String hash, String name, List<String> dependsOn, List<String> after, String... on) {
    services.put(
        hash,
        new ServiceEntry(
            hash,
            name,
            "process",
            "/nix/store/" + "0".repeat(32) + "-" + name,
            dependsOn,
            List.of(),
            after,
            false,
            List.of(),
            Map.of()));
    for (String target : on) {
      mappings.add(new MappingEntry(hash, target, "c", Map.of()));
    }
    return this;
  }

  Manifest build() {
    return new Manifest("default", services, mappings, targets);
  }

  /** The mapping of {@code hash} on {@code target} in {@code m}. */
  static MappingEntry mapping(Manifest m, String hash, String target) {
    return m.mapping(hash + "/" + target + "/c").orElseThrow();
  }
}
