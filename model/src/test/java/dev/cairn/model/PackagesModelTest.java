package dev.cairn.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackagesModelTest {
  private static DeploymentModel load() throws StoreException {
    ModelFiles files =
        ModelFiles.of(
                Fixtures.path("hello-world/services.yaml"),
                Fixtures.path("hello-world/infrastructure.yaml"),
                Fixtures.path("hello-world/distribution.yaml"))
            .withPackages(Fixtures.path("hello-world/extra/packages.yaml"));
    return DeploymentModel.load(files, Map.of("stateDir", "/var/lib"));
  }

  @Test
  void extraPackagesPerTarget() throws StoreException {
    Map<String, List<ResolvedPackage>> extra = load().extraPackages();

    assertThat(extra).containsOnlyKeys("test1", "test2");
    assertThat(extra.get("test1"))
        .extracting(ResolvedPackage::name)
        .containsExactly("mc", "greeting");
    assertThat(extra.get("test1").get(1).recipe().files().get(0).text()).isEqualTo("hi\n");
    assertThat(extra.get("test2").get(0).recipe().files().get(0).text()).isEqualTo("hello\n");
    assertThat(extra.get("test1").get(0).recipe().files().get(0).text())
        .isEqualTo("state=/var/lib\n");
  }

  @Test
  void sourcePathsAreRelativeToTheirOwnFile() throws StoreException {
    ResolvedPackage mc = load().extraPackages().get("test1").get(0);

    Path expected = Fixtures.path("hello-world/extra/src-dir").toAbsolutePath().normalize();
    assertThat(mc.recipe().src().orElseThrow().path()).isEqualTo(expected);
  }

  @Test
  void servicesAreUnaffectedByThePackagesModel() throws StoreException {
    DeploymentModel with = load();
    DeploymentModel without = Fixtures.threeFiles("hello-world");

    for (ResolvedService r : without.resolve()) {
      assertThat(Fixtures.canonical(Fixtures.resolved(with, r.service().name())))
          .isEqualTo(Fixtures.canonical(r));
    }
  }
}
