package dev.cairn.model;

import dev.cairn.store.StoreException;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the model files and checks them in the order a user fixes them: each file's shape, the
 * services, names across files, the distribution, dependency rules, then every package's
 * expressions. Stops at the first error.
 */
final class ModelLoader {
  /** A key every model file may carry for editors, ignored. */
  static final String SCHEMA_KEY = "$schema";

  static final List<String> SERVICES_FILE_KEYS = List.of("services", "recipes", "templates");
  static final List<String> PACKAGES_FILE_KEYS = List.of("recipes", "templates", "targets");
  static final List<String> DEPLOYMENT_FILE_KEYS =
      List.of("services", "infrastructure", "distribution", "recipes", "templates", "packages");

  private final Catalog catalog = new Catalog();
  private YamlNode servicesNode;
  private Infrastructure infrastructure;
  private YamlNode distributionNode;
  private Optional<YamlNode> packagesNode = Optional.empty();
  private boolean oneFile;

  private ModelLoader() {}

  static DeploymentModel load(ModelFiles files, Map<String, Object> globals) throws StoreException {
    ModelLoader loader = new ModelLoader();
    loader.read(files);
    return loader.check(globals);
  }

  private void read(ModelFiles files) throws StoreException {
    if (files.deployment().isPresent()) {
      oneFile = true;
      Path file = files.deployment().get();
      YamlMapReader r = top(file, "the deployment model", DEPLOYMENT_FILE_KEYS);
      catalog.add(r);
      servicesNode = r.required("services");
      infrastructure = InfrastructureParser.parse(r.required("infrastructure"), file, false);
      distributionNode = r.required("distribution");
      packagesNode = r.optional("packages");
      return;
    }
    YamlMapReader services =
        top(files.services().orElseThrow(), "the services model", SERVICES_FILE_KEYS);
    catalog.add(services);
    servicesNode = services.required("services");
    Path infra = files.infrastructure().orElseThrow();
    infrastructure = InfrastructureParser.parse(YamlReader.read(infra), infra, true);
    distributionNode = YamlReader.read(files.distribution().orElseThrow());
    if (files.packages().isPresent()) {
      YamlMapReader packages =
          top(files.packages().get(), "the packages model", PACKAGES_FILE_KEYS);
      catalog.add(packages);
      packagesNode = packages.optional("targets");
    }
  }

  private static YamlMapReader top(Path file, String description, List<String> keys)
      throws StoreException {
    List<String> allowed = new ArrayList<>(keys);
    allowed.add(SCHEMA_KEY);
    return YamlMapReader.of(YamlReader.read(file), description).allowOnly(allowed);
  }

  private DeploymentModel check(Map<String, Object> globals) throws YamlException {
    Map<String, ServicesParser.Parsed> parsed = new ServicesParser(catalog).parse(servicesNode);
    Map<String, Service> all = new LinkedHashMap<>();
    parsed.forEach((name, p) -> all.put(name, p.service()));
    DependencyChecks.checkNamesExist(all);
    List<DistributionParser.Entry> entries =
        DistributionParser.parse(
            distributionNode, all.keySet(), infrastructure.targets().keySet(), !oneFile);
    Set<String> distributed = new LinkedHashSet<>();
    for (String name : all.keySet()) {
      if (entries.stream().anyMatch(e -> e.service().equals(name))) {
        distributed.add(name);
      }
    }
    DependencyChecks.checkDistributed(all, distributed);
    Mappings.Result mappings = new Mappings(all, infrastructure).resolve(entries);
    Map<String, Service> withEdges = addProviderEdges(all, mappings.providerEdges());
    DependencyChecks.checkNoCycle(withEdges);
    Map<String, List<PackageSpec>> extra = extraPackages();
    Map<String, Service> services = new LinkedHashMap<>();
    distributed.forEach(name -> services.put(name, withEdges.get(name)));
    Resolution resolution =
        new Resolution(catalog, services, infrastructure, mappings.mappings(), globals);
    Map<String, PackageSpec> specs = new LinkedHashMap<>();
    distributed.forEach(name -> specs.put(name, parsed.get(name).pkg()));
    return new DeploymentModel(
        services,
        infrastructure,
        mappings.mappings(),
        resolution.services(specs),
        resolution.extraPackages(extra),
        globals);
  }

  private static Map<String, Service> addProviderEdges(
      Map<String, Service> all, Map<String, List<Dependency>> edges) {
    Map<String, Service> out = new LinkedHashMap<>();
    all.forEach(
        (name, s) -> {
          List<Dependency> after = new ArrayList<>(s.activatesAfter());
          for (Dependency d : edges.getOrDefault(name, List.of())) {
            boolean listed = after.stream().anyMatch(a -> a.service().equals(d.service()));
            if (!listed && s.dependsOn().stream().noneMatch(a -> a.service().equals(d.service()))) {
              after.add(d);
            }
          }
          out.put(
              name, after.size() == s.activatesAfter().size() ? s : s.withActivatesAfter(after));
        });
    return out;
  }

  /** The packages model's extra packages: target -> packages, checked against the catalog. */
  private Map<String, List<PackageSpec>> extraPackages() throws YamlException {
    Map<String, List<PackageSpec>> out = new LinkedHashMap<>();
    if (packagesNode.isEmpty()) {
      return out;
    }
    String key = oneFile ? "'packages'" : "'targets' of the packages model";
    YamlMapReader r = YamlMapReader.of(packagesNode.get(), key + " (target -> packages)");
    PackageSpecParser parser = new PackageSpecParser(catalog);
    for (YamlMap.Entry e : r.map().entries().values()) {
      if (!infrastructure.targets().containsKey(e.key())) {
        throw new YamlException(
            e.keyLocation(),
            key
                + " names target '"
                + e.key()
                + "', which is not in the infrastructure model"
                + DistributionParser.available(
                    e.key(), infrastructure.targets().keySet(), "targets"));
      }
      List<PackageSpec> specs = new ArrayList<>();
      String what = "an extra package of target '" + e.key() + "'";
      for (YamlNode item :
          dev.cairn.store.yaml.YamlValues.list(e.value(), r.what(e.key())).items()) {
        specs.add(parser.parse(item, what, false));
      }
      out.put(e.key(), specs);
    }
    return out;
  }
}
