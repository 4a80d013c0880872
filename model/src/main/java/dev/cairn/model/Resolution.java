package dev.cairn.model;

import dev.cairn.store.yaml.YamlException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves every distributed service's package with its inter-dependency parameters, and the
 * packages model's extra packages with the global parameters only.
 *
 * <p>Each service sees {@code self}, {@code deps} (by parameter name and by service name) and
 * {@code global}. The parameters are the same for all of a service's targets, as in Disnix, so a
 * service builds once; they change when a dependency moves, which changes the package's hash.
 */
final class Resolution {
  private static final String NO_SELF_HERE =
      "is only known in a service's package; extra packages see 'global' only";

  private final PackageResolver resolver;
  private final Map<String, Service> services;
  private final Infrastructure infrastructure;
  private final Map<String, List<Mapping>> mappings = new HashMap<>();
  private final Map<String, Map<String, Object>> records = new HashMap<>();
  private final Map<String, Object> globals;

  Resolution(
      Catalog catalog,
      Map<String, Service> services,
      Infrastructure infrastructure,
      List<Mapping> mappings,
      Map<String, Object> globals) {
    this.resolver = new PackageResolver(catalog);
    this.services = services;
    this.infrastructure = infrastructure;
    this.globals = globals;
    for (Mapping m : mappings) {
      this.mappings.computeIfAbsent(m.service(), k -> new ArrayList<>()).add(m);
    }
  }

  List<ResolvedService> services(Map<String, PackageSpec> specs) throws YamlException {
    List<ResolvedService> out = new ArrayList<>();
    for (Map.Entry<String, PackageSpec> e : specs.entrySet()) {
      Service service = services.get(e.getKey());
      String who = "the package of service '" + service.name() + "'";
      Map<String, Object> names = new LinkedHashMap<>();
      names.put("self", Records.self(service));
      names.put("deps", deps(service));
      names.put("global", globals);
      Scope scope = new Scope(names, Map.of("params", PackageResolver.PARAMS_ONLY_IN_TEMPLATES));
      PackageSpec spec = e.getValue();
      PackageResolver.Result result =
          resolver.resolve(spec, scope, service.name(), who, spec.location().file());
      out.add(
          new ResolvedService(
              service, mappings.get(service.name()), result.recipes(), result.recipe()));
    }
    return out;
  }

  Map<String, List<ResolvedPackage>> extraPackages(Map<String, List<PackageSpec>> specs)
      throws YamlException {
    Map<String, List<ResolvedPackage>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<PackageSpec>> e : specs.entrySet()) {
      List<ResolvedPackage> packages = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (PackageSpec spec : e.getValue()) {
        String name =
            spec instanceof PackageSpec.TemplateUse use
                ? use.template()
                : ((PackageSpec.RecipeRef) spec).name();
        String who = "extra package '" + name + "' of target '" + e.getKey() + "'";
        if (!seen.add(name)) {
          throw new YamlException(spec.location(), who + " is listed twice; remove one");
        }
        Scope scope =
            new Scope(
                Map.of("global", globals),
                Map.of(
                    "self", NO_SELF_HERE,
                    "deps", NO_SELF_HERE,
                    "params", PackageResolver.PARAMS_ONLY_IN_TEMPLATES));
        PackageResolver.Result result =
            resolver.resolve(spec, scope, name, who, spec.location().file());
        packages.add(new ResolvedPackage(name, result.recipes(), result.recipe()));
      }
      out.put(e.getKey(), List.copyOf(packages));
    }
    return out;
  }

  /** {@code deps}: each dependsOn and connectsTo parameter, then each by service name. */
  private Map<String, Object> deps(Service service) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Dependency> all = new ArrayList<>(service.dependsOn());
    all.addAll(service.connectsTo());
    for (Dependency d : all) {
      out.put(d.paramName(), record(d.service()));
    }
    for (Dependency d : all) {
      out.putIfAbsent(d.service(), record(d.service()));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private Map<String, Object> record(String name) {
    return records.computeIfAbsent(
        name, n -> Records.dependency(services.get(n), mappings.get(n), infrastructure));
  }
}
