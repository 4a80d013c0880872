package dev.cairn.model;

import static dev.cairn.model.Fixtures.canonical;
import static dev.cairn.model.Fixtures.file;
import static dev.cairn.model.Fixtures.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.StoreException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentModelTest {
  @Test
  void helloWorldClientGetsTheServersHostAndPort() throws StoreException {
    DeploymentModel model = Fixtures.threeFiles("hello-world");

    assertThat(file(model, "hello-world-client", "bin/hello-world-client"))
        .contains("# Connects to hello-world-server on test2")
        .contains("exec nc test2.example.org 5000");
    assertThat(resolved(model, "hello-world-client").recipe().outputName())
        .isEqualTo("hello-world-client-1.0");
  }

  @Test
  void builderPlaceholdersAreLeftForTheBuilder() throws StoreException {
    DeploymentModel model = Fixtures.threeFiles("hello-world");

    assertThat(file(model, "hello-world-server", "bin/hello-world-server"))
        .contains("exec java ${{ out }}/share/hello-world/Server.java 5000");
    assertThat(file(model, "hello-world-server", "share/hello-world/Server.java"))
        .contains("new ServerSocket(Integer.parseInt(args[0]))");
  }

  @Test
  void helloWorldServicesAndMappings() throws StoreException {
    DeploymentModel model = Fixtures.threeFiles("hello-world");

    assertThat(model.services())
        .containsOnlyKeys("hello-world-server", "hello-world-client", "motd");
    Service client = model.services().get("hello-world-client");
    assertThat(client.dependsOn())
        .extracting(Dependency::paramName, Dependency::service)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("server", "hello-world-server"));
    assertThat(client.isPackage()).isTrue();
    assertThat(model.services().get("hello-world-server").attributes())
        .containsEntry("port", 5000L);
    assertThat(model.mappings())
        .extracting(Mapping::service, Mapping::target, m -> m.container().name())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("hello-world-server", "test2", "process"),
            org.assertj.core.groups.Tuple.tuple("hello-world-client", "test1", "package"),
            org.assertj.core.groups.Tuple.tuple("motd", "test1", "package"),
            org.assertj.core.groups.Tuple.tuple("motd", "test2", "package"));
    assertThat(model.mappings("motd")).hasSize(2);
    assertThat(resolved(model, "motd").mappings()).hasSize(2);
  }

  @Test
  void infrastructureDefaultsAndProperties() throws StoreException {
    Infrastructure infra = Fixtures.threeFiles("hello-world").infrastructure();

    Target test1 = infra.target("test1").orElseThrow();
    assertThat(test1.numOfCores()).isEqualTo(1);
    assertThat(test1.clientInterface()).contains("ssh");
    assertThat(test1.address("hostname")).contains("test1.example.org");
    assertThat(test1.containers()).isEmpty();
    Target test2 = infra.target("test2").orElseThrow();
    assertThat(test2.numOfCores()).isEqualTo(2);
    assertThat(test2.containers()).containsOnlyKeys("process");
    assertThat(test2.system()).contains("x86_64-linux");
  }

  @Test
  void infrastructureReadsOnItsOwn() throws StoreException {
    Infrastructure infra = Infrastructure.read(Fixtures.path("hello-world/infrastructure.yaml"));

    assertThat(infra.targets()).containsOnlyKeys("test1", "test2");
  }

  @Test
  void deploymentFileEqualsTheThreeFiles() throws StoreException {
    DeploymentModel three = Fixtures.threeFiles("hello-world");
    DeploymentModel one = Fixtures.deployment("hello-world/deployment.yaml");

    assertThat(one.services().keySet()).containsExactlyElementsOf(three.services().keySet());
    assertThat(one.mappings())
        .extracting(Mapping::service, Mapping::target, Mapping::container)
        .containsExactlyElementsOf(
            three.mappings().stream()
                .map(
                    m ->
                        org.assertj.core.groups.Tuple.tuple(m.service(), m.target(), m.container()))
                .toList());
    for (ResolvedService r : three.resolve()) {
      assertThat(canonical(resolved(one, r.service().name()))).isEqualTo(canonical(r));
    }
  }

  @Test
  void jsonIsAcceptedToo() throws StoreException {
    DeploymentModel yaml = Fixtures.deployment("hello-world/deployment.yaml");
    DeploymentModel json = Fixtures.deployment("hello-world/deployment.json");

    for (ResolvedService r : yaml.resolve()) {
      assertThat(canonical(resolved(json, r.service().name()))).isEqualTo(canonical(r));
    }
  }

  @Test
  void modelFilesAreOneOfTheTwoSets() {
    java.nio.file.Path p = java.nio.file.Path.of("x.yaml");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ModelFiles.deployment(p).withPackages(p))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new ModelFiles(
                    Optional.of(p),
                    Optional.empty(),
                    Optional.of(p),
                    Optional.empty(),
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(-s, -i, -d)");
  }

  @Test
  void movedDependencyChangesTheDependentsPackageOnly() throws StoreException {
    DeploymentModel before = Fixtures.threeFiles("hello-world");
    DeploymentModel after = Fixtures.threeFiles("hello-world", "distribution-moved.yaml");

    assertThat(canonical(resolved(after, "hello-world-client")))
        .isNotEqualTo(canonical(resolved(before, "hello-world-client")));
    assertThat(file(after, "hello-world-client", "bin/hello-world-client"))
        .contains("exec nc test1.example.org 5000");
    assertThat(canonical(resolved(after, "hello-world-server")))
        .isEqualTo(canonical(resolved(before, "hello-world-server")));
    assertThat(canonical(resolved(after, "motd"))).isEqualTo(canonical(resolved(before, "motd")));
  }

  @Test
  void resolutionIsDeterministic() throws StoreException {
    DeploymentModel a = Fixtures.threeFiles("webapps");
    DeploymentModel b = Fixtures.threeFiles("webapps");

    assertThat(a.resolve()).isEqualTo(b.resolve());
  }

  @Test
  void webappsFromOneTemplateOnTheirOwnPorts() throws StoreException {
    DeploymentModel model = Fixtures.threeFiles("webapps");

    assertThat(file(model, "webapp1", "etc/webapp.conf"))
        .isEqualTo(
            "name=webapp1\nport=8080\nnext=8081\ndebug=false\naliases=0\nstate=/var/lib/webapp1\n");
    assertThat(file(model, "webapp2", "etc/webapp.conf"))
        .isEqualTo(
            "name=webapp2\nport=8081\nnext=8082\ndebug=true\naliases=2\nstate=/var/lib/webapp2\n");
    assertThat(file(model, "webapp3", "etc/webapp.conf")).startsWith("name=third\nport=8082\n");
    assertThat(file(model, "webapp1", "bin/webapp"))
        .contains("exec ${{ inputs.runtime }}/bin/serve --port 8080 --out ${{ out }}");
    assertThat(resolved(model, "webapp1").recipe().outputName()).isEqualTo("webapp1-1.0");
    assertThat(resolved(model, "webapp2").recipes().recipes())
        .containsOnlyKeys("webapp2", "runtime");
  }

  @Test
  void bothDistributionFormsAndContainerProperties() throws StoreException {
    DeploymentModel model = Fixtures.threeFiles("webapps");

    assertThat(model.mappings("webapp2"))
        .extracting(Mapping::target, Mapping::container)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "test1", new ContainerRef("process", Map.of("user", "www"), Optional.empty())),
            org.assertj.core.groups.Tuple.tuple(
                "test2", new ContainerRef("process", Map.of(), Optional.empty())));
    assertThat(model.mappings("proxy").get(0).container())
        .isEqualTo(new ContainerRef("wrapper-special", Map.of("user", "proxy"), Optional.empty()));
    assertThat(file(model, "proxy", "etc/upstreams"))
        .isEqualTo("test1.example.org:8080\ntest2.example.org:8081\nprocess 2\n");
    assertThat(file(model, "proxy", "etc/container")).isEqualTo("user=www\n");
  }

  @Test
  void containerProvidersComeFirstOnTheirTarget() throws StoreException {
    DeploymentModel model = Fixtures.deployment("containers/deployment.yaml");

    Mapping web = model.mappings("staff-web").get(0);
    assertThat(web.container())
        .isEqualTo(
            new ContainerRef(
                "tomcat-webapplication", Map.of("tomcatPort", 8080L), Optional.of("tomcat")));
    Mapping db = model.mappings("staff-db").get(0);
    assertThat(db.container().providedBy()).contains("mysql");
    assertThat(db.container().properties())
        .isEqualTo(Map.of("mysqlPort", 3306L, "mysqlUsername", "root"));
    assertThat(model.services().get("staff-web").activatesAfter())
        .extracting(Dependency::service)
        .containsExactly("tomcat");
    assertThat(model.services().get("staff-db").activatesAfter())
        .extracting(Dependency::service)
        .containsExactly("mysql");
    assertThat(model.services().get("tomcat").activatesAfter()).isEmpty();
    assertThat(file(model, "staff-web", "WEB-INF/db.properties"))
        .isEqualTo("url=jdbc:mysql://test2.example.org:3306/staff\n");
    Service mysql = model.services().get("mysql");
    assertThat(mysql.deployState()).isTrue();
    assertThat(mysql.requiresUniqueIdsFor()).containsExactly("ports", "uids");
    assertThat(model.services().get("tomcat").providesContainers())
        .isEqualTo(Map.of("tomcat-webapplication", Map.of("tomcatPort", 8080L)));
  }

  @Test
  void globalsAreNormalised() throws StoreException {
    DeploymentModel model =
        DeploymentModel.load(
            ModelFiles.of(
                Fixtures.path("webapps/services.yaml"),
                Fixtures.path("webapps/infrastructure.yaml"),
                Fixtures.path("webapps/distribution.yaml")),
            Map.of("stateDir", "/srv", "n", 3, "l", List.of(1, "x")));

    assertThat(model.globals()).containsEntry("n", 3L).containsEntry("l", List.of(1L, "x"));
    assertThat(file(model, "webapp1", "etc/webapp.conf")).contains("state=/srv/webapp1");
  }
}
