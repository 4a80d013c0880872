package dev.cairn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.StoreException;
import dev.cairn.store.yaml.YamlException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation error, each from a fixture under {@code models/errors}, with its exact position
 * and the words that tell the user what to do.
 */
class ValidationTest {
  static Stream<Arguments> errors() {
    return Stream.of(
        error(
            "name-mismatch",
            "3:11",
            "service 'server' has name 'sever'; a service's name must equal its key"),
        error(
            "unknown-service-in-distribution",
            "9:3",
            "the distribution names service 'sevrer', which is not in the services model;"
                + " did you mean 'server'?"),
        error(
            "unknown-target",
            "9:19",
            "service 'server' is distributed to target 'tets2', which is not in the"
                + " infrastructure model; did you mean 'test2'? targets: test1, test2"),
        error(
            "unknown-container",
            "13:20",
            "service 'db' is distributed to container 'mysql-test' of target 't1', which has no"
                + " such container; its containers: mysql-production; declare it under the"
                + " target's 'containers' in the infrastructure model, or distribute a service"
                + " that provides it to 't1'"),
        error(
            "unknown-dependency",
            "8:17",
            "dependsOn of service 'client' names 'sever', which is not in the services model;"
                + " did you mean 'server'?"),
        error(
            "undistributed-dependency",
            "9:12",
            "connectsTo of service 'client' names 'server', which is not in the distribution"),
        error(
            "package-dependency",
            "8:22",
            "activatesAfter of service 'client' names 'tools', which is of type 'package'"),
        error("cycle", "5:17", "dependency cycle: a -> b -> c -> a;"),
        error("provider-cycle", "6:17", "dependency cycle: tomcat -> app -> tomcat;"),
        error(
            "unknown-target-key",
            "5:5",
            "unknown key 'numOfCore' in target 't1'; did you mean 'numOfCores'?"),
        error(
            "unknown-distribution-key",
            "11:9",
            "unknown key 'contianer' in an entry of 'targets' of the distribution of service 's';"
                + " did you mean 'container'?"),
        error(
            "unknown-template-key",
            "4:5",
            "unknown key 'recpie' in template 'webapp'; did you mean 'recipe'?"),
        error("wrong-type", "4:17", "'numOfCores' of target 't1' must be an integer, got a string"),
        error(
            "missing-param",
            "13:9",
            "template 'webapp' (at "
                + at("missing-param", "2:3")
                + ") needs parameter(s)"
                + " 'port' (int: the TCP port)"),
        error(
            "unknown-param",
            "13:9",
            "template 'webapp' has no parameter 'prot'; did you mean 'port'?"),
        error(
            "param-type",
            "12:15",
            "parameter 'port' of template 'webapp' (the package of service 'web') must be an"
                + " integer, got a string ('8080'); write it without quotes"),
        error(
            "param-type-expression",
            "12:15",
            "parameter 'port' of template 'webapp' (the package of service 'web') must be an"
                + " integer, got a string ('web')"),
        error(
            "default-type",
            "4:36",
            "the default of parameter 'debug' of template 'webapp' must be a boolean, got a"
                + " string ('yes')"),
        error(
            "unknown-expression-key",
            "11:21",
            "in '${{ deps.server.prot }}', deps.server has no 'prot'; did you mean 'port'?"
                + " it has: port, name, type, targets, target, container"),
        error(
            "unknown-expression-name",
            "6:16",
            "'env.STATE' of the package of service"
                + " 'client': unknown name 'globals' in '${{ globals.stateDir }}'; did you mean 'global'? names here: self, deps, global"),
        error(
            "params-outside-template",
            "5:16",
            "'params' in '${{ params.version }}' is only known inside a template's recipe"),
        error(
            "recipe-error-in-template",
            "8:17",
            "is not an octal mode; write it like \"0644\" or \"0755\" (in template 'webapp', used by the package of service 'web' at "
                + at("recipe-error-in-template", "12:10")
                + ")"),
        error(
            "unknown-package",
            "6:10",
            "'pkg' of service 'server' names 'hello-world-sever', which is no recipe or"
                + " template; did you mean 'hello-world-server'?"),
        error(
            "unknown-top-key",
            "4:1",
            "unknown key 'packges' in the deployment model; did you mean 'packages'?"),
        error(
            "unknown-package-target",
            "9:3",
            "'packages' names target 'test2', which is not in the infrastructure model"),
        error(
            "two-providers",
            "14:13",
            "services 'tomcat1' (at "
                + at("two-providers", "13:13")
                + ") and 'tomcat2' both provide container 'tomcat-webapplication' on target"
                + " 't1'"),
        error(
            "text-of-map",
            "10:12",
            "'${{ deps.server.target }}' is a map, which has no text; pick one of its entries:"
                + " name, properties, containers, numOfCores, selectedContainer, container"),
        error(
            "dashed-name",
            "11:12",
            "in '${{ deps.hello-server.port }}', deps has no 'hello'; names with '-' need"
                + " brackets, as in deps['hello-server']; it has: hello-server"),
        error("bad-expression", "6:12", "'${{ x = 1 }}' is not a valid expression"),
        error("missing-type", "2:3", "service 'client' has no 'type'; add one"),
        error(
            "bad-unique-ids",
            "5:35",
            "'requiresUniqueIdsFor' of service 'client' lists 'pids'; allowed: ports, uids,"
                + " gids"));
  }

  private static Arguments error(String fixture, String position, String message) {
    return Arguments.of(fixture, position, message);
  }

  private static String at(String fixture, String position) {
    return file(fixture) + ":" + position;
  }

  private static Path file(String fixture) {
    return Fixtures.path("errors/" + fixture + ".yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void reportsTheErrorAtItsPosition(String fixture, String position, String message) {
    assertThatThrownBy(() -> DeploymentModel.load(ModelFiles.deployment(file(fixture)), Map.of()))
        .isInstanceOf(YamlException.class)
        .hasMessageStartingWith(at(fixture, position) + ": ")
        .hasMessageContaining(message);
  }

  @Test
  void errorsInTheDistributionFileNameThatFile() {
    Path distribution = file("hello-world-bad-distribution");
    assertThatThrownBy(
            () ->
                DeploymentModel.load(
                    ModelFiles.of(
                        Fixtures.path("hello-world/services.yaml"),
                        Fixtures.path("hello-world/infrastructure.yaml"),
                        distribution),
                    Map.of()))
        .isInstanceOf(YamlException.class)
        .hasMessageStartingWith(distribution + ":1:22: ")
        .hasMessageContaining("target 'test3', which is not in the infrastructure model");
  }

  @Test
  void connectsToMayFormACycle() throws StoreException {
    DeploymentModel model =
        DeploymentModel.load(ModelFiles.deployment(file("connects-to-cycle")), Map.of());

    assertThat(Fixtures.file(model, "a", "peer")).isEqualTo("2");
    assertThat(Fixtures.file(model, "b", "peer")).isEqualTo("1");
  }

  @Test
  void globalsMustBeModelValues() {
    Map<String, Object> globals = new java.util.HashMap<>();
    globals.put("x", new Object());
    assertThatThrownBy(
            () -> DeploymentModel.load(ModelFiles.deployment(file("connects-to-cycle")), globals))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("global parameter 'x': a Object is not a model value");
  }
}
