package dev.cairn.model;

import dev.cairn.store.yaml.YamlException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns distribution entries into mappings: picks each one's container and its properties, and adds
 * the automatic {@code activatesAfter} on a container's provider.
 *
 * <p>A container comes, in this order, from a service providing it on the same target (the provider
 * is activated first), from the target's {@code containers} in the infrastructure model, or, when
 * the entry did not name a container (it is named after the service's type), implicitly with no
 * properties, as Disnix does for its built-in types. A container named explicitly that neither
 * provides is an error.
 */
final class Mappings {
  private final Map<String, Service> services;
  private final Infrastructure infrastructure;

  /** The mappings in distribution order, and the automatic activatesAfter per service. */
  record Result(List<Mapping> mappings, Map<String, List<Dependency>> providerEdges) {}

  Mappings(Map<String, Service> services, Infrastructure infrastructure) {
    this.services = services;
    this.infrastructure = infrastructure;
  }

  Result resolve(List<DistributionParser.Entry> entries) throws YamlException {
    Map<List<String>, DistributionParser.Entry> providers = providers(entries);
    List<Mapping> mappings = new ArrayList<>();
    Map<String, List<Dependency>> edges = new LinkedHashMap<>();
    for (DistributionParser.Entry e : entries) {
      Service service = services.get(e.service());
      String name = e.container().orElse(service.type());
      DistributionParser.Entry provider = providers.get(List.of(e.target(), name));
      ContainerRef container;
      if (provider != null) {
        Service p = services.get(provider.service());
        container = new ContainerRef(name, p.providesContainers().get(name), Optional.of(p.name()));
        if (!p.name().equals(service.name())) {
          edges
              .computeIfAbsent(service.name(), k -> new ArrayList<>())
              .add(new Dependency(p.name(), p.name(), e.location()));
        }
      } else {
        container = fromInfrastructure(e, name);
      }
      mappings.add(new Mapping(e.service(), e.target(), container, e.location()));
    }
    return new Result(mappings, edges);
  }

  private ContainerRef fromInfrastructure(DistributionParser.Entry e, String name)
      throws YamlException {
    Target target = infrastructure.targets().get(e.target());
    Map<String, Object> properties = target.containers().get(name);
    if (properties != null) {
      return new ContainerRef(name, properties, Optional.empty());
    }
    if (e.container().isEmpty()) {
      return new ContainerRef(name, Map.of(), Optional.empty());
    }
    throw new YamlException(
        e.containerLocation().orElse(e.location()),
        "service '"
            + e.service()
            + "' is distributed to container '"
            + name
            + "' of target '"
            + e.target()
            + "', which has no such container"
            + DistributionParser.available(name, target.containers().keySet(), "its containers")
            + "; declare it under the target's 'containers' in the infrastructure model, or"
            + " distribute a service that provides it to '"
            + e.target()
            + "'");
  }

  /** The entry that provides each (target, container), refusing two providers of one. */
  private Map<List<String>, DistributionParser.Entry> providers(
      List<DistributionParser.Entry> entries) throws YamlException {
    Map<List<String>, DistributionParser.Entry> out = new LinkedHashMap<>();
    for (DistributionParser.Entry e : entries) {
      for (String container : services.get(e.service()).providesContainers().keySet()) {
        DistributionParser.Entry earlier = out.putIfAbsent(List.of(e.target(), container), e);
        if (earlier != null && !earlier.service().equals(e.service())) {
          throw new YamlException(
              e.location(),
              "services '"
                  + earlier.service()
                  + "' (at "
                  + earlier.location()
                  + ") and '"
                  + e.service()
                  + "' both provide container '"
                  + container
                  + "' on target '"
                  + e.target()
                  + "'; distribute them to different targets or rename one container");
        }
      }
    }
    return out;
  }
}
