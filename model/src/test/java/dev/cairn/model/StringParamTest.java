package dev.cairn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A string parameter takes an expression's number as text, but not a bare literal number. */
class StringParamTest {
  @TempDir Path tmp;

  private DeploymentModel load(String portValue) throws Exception {
    Files.writeString(
        tmp.resolve("deployment.yaml"),
        "templates:\n"
            + "  t:\n"
            + "    params: {args: {type: string}}\n"
            + "    recipe: {files: {etc/args: \"${{ params.args }}\"}}\n"
            + "services:\n"
            + "  s:\n"
            + "    type: package\n"
            + "    port: 5000\n"
            + "    pkg: {template: t, params: {args: "
            + portValue
            + "}}\n"
            + "infrastructure:\n  test1: {properties: {hostname: localhost}}\n"
            + "distribution:\n  s: [test1]\n");
    return DeploymentModel.load(ModelFiles.deployment(tmp.resolve("deployment.yaml")), Map.of());
  }

  @Test
  void anExpressionsNumberBecomesText() throws Exception {
    DeploymentModel model = load("\"${{ self.port }}\"");
    assertThat(Fixtures.file(model, "s", "etc/args")).isEqualTo("5000");
  }

  @Test
  void aLiteralNumberIsStillAnError() {
    assertThatThrownBy(() -> load("5000"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("must be a string")
        .hasMessageContaining("quote it");
  }
}
