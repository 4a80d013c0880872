package dev.cairn.deploy;

import static dev.cairn.deploy.Manifests.mapping;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The difference between two deployments, and the order constraints within each. */
class TransitionPlanTest {
  /**
   * A database on a, a web app (hash {@code web}) depending on it on {@code webOn}, and a cron job
   * on b after the web app.
   */
  private static Manifest model(String web, String webOn) {
    return new Manifests()
        .target("a", 2)
        .target("b", 1)
        .service("db1", "db", List.of(), "a")
        .service(web, "web", List.of("db1"), webOn)
        .service("cron1", "cron", List.of(), List.of("web"), "b")
        .build();
  }

  private static Manifest now() {
    return model("web1", "a");
  }

  @Test
  void anEqualDeploymentChangesNothing() {
    TransitionPlan plan = TransitionPlan.between(now(), now());
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.targets()).containsExactly("a", "b");
  }

  @Test
  void aMovedOrChangedServiceIsDeactivatedInItsOldFormAndActivatedInItsNew() {
    // The web app moves to b with a new package (so a new hash); db and cron stay as they are.
    Manifest next = model("web2", "b");

    TransitionPlan plan = TransitionPlan.between(now(), next);

    assertThat(plan.deactivate()).containsExactly(mapping(now(), "web1", "a"));
    assertThat(plan.activate()).containsExactly(mapping(next, "web2", "b"));
    assertThat(TransitionPlan.between(next, next).isEmpty()).isTrue();
    assertThat(TransitionPlan.between(Manifest.empty("default"), next).activate()).hasSize(3);
    assertThat(TransitionPlan.between(next, Manifest.empty("default")).deactivate()).hasSize(3);
  }

  @Test
  void aServiceComesAfterWhatItDependsOnAndWhatItActivatesAfterOnAnyTarget() {
    Manifest m = now();
    var after = TransitionPlan.dependencies(m);
    assertThat(after.get(mapping(m, "web1", "a").key())).containsExactly(mapping(m, "db1", "a"));
    assertThat(after.get(mapping(m, "cron1", "b").key())).containsExactly(mapping(m, "web1", "a"));
    assertThat(after.get(mapping(m, "db1", "a").key())).isEmpty();

    // Deactivation turns the edges around: dependents go first.
    var before = Transition.reversed(m);
    assertThat(before.get(mapping(m, "db1", "a").key())).containsExactly(mapping(m, "web1", "a"));
    assertThat(before.get(mapping(m, "web1", "a").key())).containsExactly(mapping(m, "cron1", "b"));
    assertThat(before).doesNotContainKey(mapping(m, "cron1", "b").key());
  }
}
