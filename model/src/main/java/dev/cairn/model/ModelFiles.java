package dev.cairn.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The files a deployment is read from: Disnix's three models ({@code -s services.yaml -i
 * infrastructure.yaml -d distribution.yaml}, plus an optional packages model {@code -P}), or one
 * {@code deployment.yaml} holding them all.
 *
 * @param services the services model
 * @param infrastructure the infrastructure model
 * @param distribution the distribution model
 * @param packages the packages model (recipes, templates and extra packages per target)
 * @param deployment the one-file deployment model; when given, the others are not
 */
public record ModelFiles(
    Optional<Path> services,
    Optional<Path> infrastructure,
    Optional<Path> distribution,
    Optional<Path> packages,
    Optional<Path> deployment) {
  /** Checks the files form one of the two accepted sets. */
  public ModelFiles {
    Objects.requireNonNull(services, "services");
    Objects.requireNonNull(infrastructure, "infrastructure");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(packages, "packages");
    Objects.requireNonNull(deployment, "deployment");
    boolean separate =
        services.isPresent() || infrastructure.isPresent() || distribution.isPresent();
    if (deployment.isPresent() && (separate || packages.isPresent())) {
      throw new IllegalArgumentException(
          "give either a deployment model or the services, infrastructure and distribution"
              + " models, not both");
    }
    if (deployment.isEmpty()
        && (services.isEmpty() || infrastructure.isEmpty() || distribution.isEmpty())) {
      throw new IllegalArgumentException(
          "give the services, infrastructure and distribution models (-s, -i, -d), or one"
              + " deployment model (-D)");
    }
  }

  /** The three Disnix models. */
  public static ModelFiles of(Path services, Path infrastructure, Path distribution) {
    return new ModelFiles(
        Optional.of(services),
        Optional.of(infrastructure),
        Optional.of(distribution),
        Optional.empty(),
        Optional.empty());
  }

  /** One deployment model holding services, infrastructure, distribution and packages. */
  public static ModelFiles deployment(Path deployment) {
    return new ModelFiles(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(deployment));
  }

  /**
   * A copy with a packages model.
   *
   * @throws IllegalArgumentException if this is a one-file deployment model, which holds its own
   */
  public ModelFiles withPackages(Path packagesModel) {
    return new ModelFiles(
        services, infrastructure, distribution, Optional.of(packagesModel), deployment);
  }
}
