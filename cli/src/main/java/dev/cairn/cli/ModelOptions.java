package dev.cairn.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.model.DeploymentModel;
import dev.cairn.model.ModelFiles;
import dev.cairn.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The model files of a deployment, Disnix's way (-s -i -d [-P]) or in one file (-D). */
final class ModelOptions {
  @Option(
      names = {"-s", "--services"},
      paramLabel = "FILE",
      description = "Services model.")
  Path services;

  @Option(
      names = {"-i", "--infrastructure"},
      paramLabel = "FILE",
      description = "Infrastructure model.")
  Path infrastructure;

  @Option(
      names = {"-d", "--distribution"},
      paramLabel = "FILE",
      description = "Distribution model.")
  Path distribution;

  @Option(
      names = {"-P", "--packages"},
      paramLabel = "FILE",
      description = "Packages model: recipes, templates, extra packages per target.")
  Path packages;

  @Option(
      names = {"-D", "--deployment"},
      paramLabel = "FILE",
      description = "One deployment model holding services, infrastructure and distribution.")
  Path deployment;

  @Option(
      names = "--extra-params",
      paramLabel = "JSON",
      description = "Global parameters for the models' expressions, as a JSON object.")
  String extraParams;

  boolean given() {
    return deployment != null || services != null || infrastructure != null || distribution != null;
  }

  DeploymentModel load() throws IOException {
    ModelFiles files;
    if (deployment != null) {
      if (services != null || infrastructure != null || distribution != null) {
        throw new StoreException("give either -D deployment.yaml or -s, -i and -d, not both");
      }
      files = ModelFiles.deployment(deployment);
    } else if (services == null || infrastructure == null || distribution == null) {
      throw new StoreException(
          "a deployment needs -s services.yaml -i infrastructure.yaml -d distribution.yaml,"
              + " or -D deployment.yaml");
    } else {
      files = ModelFiles.of(services, infrastructure, distribution);
    }
    if (packages != null) {
      files = files.withPackages(packages);
    }
    return DeploymentModel.load(files, globals());
  }

  Map<String, Object> globals() throws StoreException {
    if (extraParams == null) {
      return Map.of();
    }
    try {
      return new ObjectMapper().readValue(extraParams, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new StoreException(
          "--extra-params is not a JSON object: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
