package dev.cairn.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 200 services with random dependsOn edges load and resolve well under a second. */
class PerformanceTest {
  static final int SERVICES = 200;

  @Test
  void twoHundredServicesResolveQuickly(@TempDir Path dir) throws IOException, StoreException {
    Path deployment = generate(dir, SERVICES, 42);

    long start = System.nanoTime();
    DeploymentModel model = DeploymentModel.load(ModelFiles.deployment(deployment), Map.of());
    long first = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    DeploymentModel.load(ModelFiles.deployment(deployment), Map.of());
    long second = (System.nanoTime() - start) / 1_000_000;

    assertThat(model.resolve()).hasSize(SERVICES);
    assertThat(first).as("first load, ms").isLessThan(3_000);
    assertThat(second).as("second load, ms").isLessThan(1_000);
  }

  /** A deployment of n webapp-like services, each depending on up to three earlier ones. */
  static Path generate(Path dir, int n, long seed) throws IOException {
    Random random = new Random(seed);
    StringBuilder y = new StringBuilder();
    y.append(
        "templates:\n  svc:\n    params:\n      port: {type: int}\n      peers: {type: string}\n");
    y.append("    recipe:\n      files:\n        etc/conf: \"port=${{ params.port }} ");
    y.append("peers=${{ params.peers }} self=${{ self.name }}\\n\"\n");
    y.append("services:\n");
    for (int i = 0; i < n; i++) {
      y.append("  s").append(i).append(":\n    type: process\n    port: ").append(8000 + i);
      StringBuilder deps = new StringBuilder();
      StringBuilder peers = new StringBuilder();
      for (int k = 0; k < 3 && i > 0; k++) {
        int d = random.nextInt(i);
        if (deps.indexOf("d" + d + ":") < 0) {
          deps.append(" d").append(d).append(": s").append(d).append(",");
          peers.append("${{ deps.d").append(d).append(".target.properties.hostname }}:");
          peers.append("${{ deps.d").append(d).append(".port }} ");
        }
      }
      if (deps.length() > 0) {
        y.append("\n    dependsOn: {").append(deps, 0, deps.length() - 1).append("}");
      }
      y.append("\n    pkg: {template: svc, params: {port: \"${{ self.port }}\", peers: \"");
      y.append(peers.toString().strip()).append("\"}}\n");
    }
    y.append("infrastructure:\n");
    for (int t = 0; t < 5; t++) {
      y.append("  t").append(t).append(": {properties: {hostname: t").append(t).append("}}\n");
    }
    y.append("distribution:\n");
    for (int i = 0; i < n; i++) {
      y.append("  s").append(i).append(": [t").append(random.nextInt(5)).append("]\n");
    }
    Path file = dir.resolve("deployment.yaml");
    Files.writeString(file, y);
    return file;
  }
}
