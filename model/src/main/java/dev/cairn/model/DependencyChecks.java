package dev.cairn.model;

import dev.cairn.store.yaml.YamlException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules on inter-dependencies: they name existing, distributed services that are not of type
 * {@code package}, and {@code dependsOn} with {@code activatesAfter} form no cycle ({@code
 * connectsTo} may).
 */
final class DependencyChecks {
  private DependencyChecks() {}

  /** Every dependency of every service, distributed or not, names a service of the model. */
  static void checkNamesExist(Map<String, Service> services) throws YamlException {
    for (Service s : services.values()) {
      for (Kind kind : Kind.values()) {
        for (Dependency d : kind.of(s)) {
          if (!services.containsKey(d.service())) {
            throw new YamlException(
                d.location(),
                kind.key
                    + " of service '"
                    + s.name()
                    + "' names '"
                    + d.service()
                    + "', which is not in the services model"
                    + DistributionParser.available(d.service(), services.keySet(), "services"));
          }
        }
      }
    }
  }

  /** The dependencies of distributed services are distributed and can be depended on. */
  static void checkDistributed(Map<String, Service> services, Set<String> distributed)
      throws YamlException {
    for (String name : distributed) {
      Service s = services.get(name);
      for (Kind kind : Kind.values()) {
        for (Dependency d : kind.of(s)) {
          Service target = services.get(d.service());
          if (!distributed.contains(d.service())) {
            throw new YamlException(
                d.location(),
                kind.key
                    + " of service '"
                    + name
                    + "' names '"
                    + d.service()
                    + "', which is not in the distribution; distribute it to a target, or"
                    + " remove the dependency");
          }
          if (target.isPackage()) {
            throw new YamlException(
                d.location(),
                kind.key
                    + " of service '"
                    + name
                    + "' names '"
                    + d.service()
                    + "', which is of type 'package': it is only installed, never activated, so"
                    + " nothing can depend on it; take it as a recipe input instead");
          }
        }
      }
    }
  }

  /**
   * No cycle along {@code dependsOn} and {@code activatesAfter} (including the automatic ones).
   * Services are visited in model order so the same model always reports the same cycle.
   */
  static void checkNoCycle(Map<String, Service> services) throws YamlException {
    Map<String, Integer> state = new HashMap<>();
    for (String name : services.keySet()) {
      List<String> stack = new ArrayList<>();
      List<Dependency> via = new ArrayList<>();
      visit(name, services, state, stack, via);
    }
  }

  private static void visit(
      String name,
      Map<String, Service> services,
      Map<String, Integer> state,
      List<String> stack,
      List<Dependency> via)
      throws YamlException {
    Integer st = state.get(name);
    if (st != null && st == 2) {
      return;
    }
    if (st != null) {
      int start = stack.indexOf(name);
      List<String> cycle = new ArrayList<>(stack.subList(start, stack.size()));
      cycle.add(name);
      Dependency first = via.get(start);
      throw new YamlException(
          first.location(),
          "dependency cycle: "
              + String.join(" -> ", cycle)
              + "; dependsOn and activatesAfter must not form a cycle (automatic activatesAfter"
              + " on container providers count too); use connectsTo where only the parameters"
              + " are needed");
    }
    state.put(name, 1);
    stack.add(name);
    Service service = services.get(name);
    if (service != null) {
      for (Dependency d : service.activationOrder()) {
        via.add(d);
        visit(d.service(), services, state, stack, via);
        via.remove(via.size() - 1);
      }
    }
    stack.remove(stack.size() - 1);
    state.put(name, 2);
  }

  /** The three kinds of dependency and the key each is written under. */
  enum Kind {
    DEPENDS_ON("dependsOn"),
    CONNECTS_TO("connectsTo"),
    ACTIVATES_AFTER("activatesAfter");

    final String key;

    Kind(String key) {
      this.key = key;
    }

    List<Dependency> of(Service s) {
      return switch (this) {
        case DEPENDS_ON -> s.dependsOn();
        case CONNECTS_TO -> s.connectsTo();
        case ACTIVATES_AFTER -> s.activatesAfter();
      };
    }
  }
}
