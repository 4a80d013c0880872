package dev.cairn.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.model.Dependency;
import dev.cairn.model.DeploymentModel;
import dev.cairn.model.Mapping;
import dev.cairn.model.ResolvedPackage;
import dev.cairn.model.ResolvedService;
import dev.cairn.model.Service;
import dev.cairn.model.Target;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import dev.cairn.store.build.BuildEvents;
import dev.cairn.store.build.RecipeBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a deployment model into a manifest: builds (or, for a dry run, only computes) every
 * service's package, hashes the services along their dependencies, and records the mappings with
 * their containers and the targets with their profiles.
 */
final class ManifestMaker {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalStore store;
  private final RecipeBuilder builder;
  private final String defaultInterface;
  private final String defaultTargetProperty;
  private final List<String> builds = new ArrayList<>();

  ManifestMaker(
      LocalStore store,
      DeployOptions options,
      BuildEvents events,
      String defaultIface,
      String defaultTargetProperty) {
    this.store = store;
    this.builder = new RecipeBuilder(store, options.build(), events);
    this.defaultInterface = defaultIface;
    this.defaultTargetProperty = defaultTargetProperty;
  }

  /** The packages built (or that a dry run would build). */
  List<String> builds() {
    return builds;
  }

  Manifest make(DeploymentModel model, String profile, boolean dryRun) throws IOException {
    Map<String, String> pkgs = new HashMap<>();
    for (ResolvedService rs : model.resolve()) {
      pkgs.put(rs.service().name(), pkg(rs.recipes(), rs.recipe(), dryRun));
    }
    Map<String, String> hashes = new HashMap<>();
    Map<String, ServiceEntry> services = new TreeMap<>();
    for (Service s : model.services().values()) {
      hash(s, model, pkgs, hashes, services);
    }
    List<MappingEntry> mappings = new ArrayList<>();
    for (Mapping m : model.mappings()) {
      mappings.add(
          new MappingEntry(
              hashes.get(m.service()),
              m.target(),
              m.container().name(),
              strings(m.container().properties())));
    }
    Map<String, TargetEntry> targets = new TreeMap<>();
    for (Target t : model.infrastructure().targets().values()) {
      targets.put(
          t.name(),
          new TargetEntry(
              t.name(),
              strings(t.properties()),
              t.numOfCores(),
              t.clientInterface().orElse(defaultInterface),
              // Recorded as resolved now, so that an undeploy or rollback reaches the targets
              // where this deployment did, whatever its own options say.
              t.targetProperty().orElse(defaultTargetProperty),
              null));
    }
    Manifest manifest = new Manifest(profile, services, mappings, targets);
    return dryRun ? manifest : withProfiles(model, manifest);
  }

  private String pkg(
      dev.cairn.store.recipe.RecipeFile file, dev.cairn.store.recipe.Recipe r, boolean dryRun)
      throws IOException {
    StorePath out = builder.outputPath(file, r);
    if (!store.rootIfValid(out)) {
      builds.add(store.print(out));
      if (!dryRun) {
        builder.build(file, r);
      }
    }
    return store.print(out);
  }

  private String hash(
      Service s,
      DeploymentModel model,
      Map<String, String> pkgs,
      Map<String, String> hashes,
      Map<String, ServiceEntry> services)
      throws StoreException {
    String done = hashes.get(s.name());
    if (done != null) {
      return done;
    }
    List<String> depHashes = new ArrayList<>();
    for (Dependency d : s.dependsOn()) {
      depHashes.add(hash(model.services().get(d.service()), model, pkgs, hashes, services));
    }
    String h = ServiceHashes.of(s.name(), s.type(), pkgs.get(s.name()), depHashes);
    hashes.put(s.name(), h);
    services.put(
        h,
        new ServiceEntry(
            h,
            s.name(),
            s.type(),
            pkgs.get(s.name()),
            depHashes,
            s.connectsTo().stream().map(Dependency::service).toList(),
            s.activatesAfter().stream().map(Dependency::service).toList(),
            s.deployState(),
            List.copyOf(s.providesContainers().keySet()),
            strings(s.attributes())));
    return h;
  }

  private Manifest withProfiles(DeploymentModel model, Manifest manifest) throws IOException {
    Map<String, TargetEntry> targets = new LinkedHashMap<>();
    for (TargetEntry t : manifest.targets().values()) {
      List<String> extra = new ArrayList<>();
      for (ResolvedPackage p : model.extraPackages().getOrDefault(t.name(), List.of())) {
        extra.add(pkg(p.recipes(), p.recipe(), false));
      }
      StorePath profile = TargetProfiles.make(store, manifest, t.name(), extra);
      targets.put(t.name(), t.withProfile(store.print(profile)));
    }
    return new Manifest(manifest.profile(), manifest.services(), manifest.mappings(), targets);
  }

  /** Model values as strings: scalars as written, lists and maps as JSON. */
  static Map<String, String> strings(Map<String, Object> values) throws StoreException {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map || v instanceof List) {
        try {
          out.put(e.getKey(), JSON.writeValueAsString(v));
        } catch (JsonProcessingException ex) {
          throw new StoreException("cannot write attribute " + e.getKey() + ": " + ex.getMessage());
        }
      } else {
        out.put(e.getKey(), String.valueOf(v));
      }
    }
    return out;
  }
}
