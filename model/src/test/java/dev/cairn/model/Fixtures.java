package dev.cairn.model;

import dev.cairn.store.StoreException;
import dev.cairn.store.recipe.InlineFile;
import dev.cairn.store.recipe.InputRef;
import dev.cairn.store.recipe.Recipe;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Paths of the fixture models and helpers to load and compare them. */
final class Fixtures {
  static final Path ROOT = Path.of("src/test/resources/models");

  private Fixtures() {}

  static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  static DeploymentModel threeFiles(String dir) throws StoreException {
    return threeFiles(dir, "distribution.yaml");
  }

  static DeploymentModel threeFiles(String dir, String distribution) throws StoreException {
    return DeploymentModel.load(
        ModelFiles.of(
            path(dir + "/services.yaml"),
            path(dir + "/infrastructure.yaml"),
            path(dir + "/" + distribution)),
        Map.of("stateDir", "/var/lib"));
  }

  static DeploymentModel deployment(String file) throws StoreException {
    return DeploymentModel.load(ModelFiles.deployment(path(file)), Map.of("stateDir", "/var/lib"));
  }

  static ResolvedService resolved(DeploymentModel model, String service) {
    return model.resolve().stream()
        .filter(r -> r.service().name().equals(service))
        .findFirst()
        .orElseThrow();
  }

  /** The text of an inline file of a service's package. */
  static String file(DeploymentModel model, String service, String path) {
    return resolved(model, service).recipe().files().stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElseThrow()
        .text();
  }

  /** Everything about a recipe that decides its output, without source locations. */
  static String canonical(Recipe r) {
    return r.outputName()
        + "|src="
        + r.src().map(s -> s.path() + ":" + s.exclude()).orElse("")
        + "|files="
        + r.files().stream()
            .map((InlineFile f) -> f.path() + ":" + f.executable() + ":" + f.text())
            .collect(Collectors.joining(","))
        + "|build="
        + r.build().orElse("")
        + "|inputs="
        + r.inputs().stream()
            .map((InputRef i) -> i.variable() + "=" + i.ref())
            .collect(Collectors.joining(","))
        + "|tools="
        + r.hostTools()
        + "|env="
        + r.env();
  }

  /** The canonical form of a resolved package and all its inputs. */
  static String canonical(ResolvedService s) {
    return s.recipes().closure(s.recipe()).stream()
        .map(Fixtures::canonical)
        .collect(Collectors.joining("\n"));
  }
}
