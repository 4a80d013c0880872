package dev.cairn.deploy;

import static dev.cairn.deploy.Manifests.mapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Steps run in dependency order, within each target's cores, and stop at the first failure. */
class DagRunnerTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** db on a; web (after db) on a and b; cron (after web) on b; four workers on c. */
  private static Manifest model(int coresOfC) {
    return new Manifests()
        .target("a", 4)
        .target("b", 4)
        .target("c", coresOfC)
        .service("db", "db", List.of(), "a")
        .service("web", "web", List.of("db"), "a", "b")
        .service("cron", "cron", List.of(), List.of("web"), "b")
        .service("w1", "w1", List.of(), "c")
        .service("w2", "w2", List.of(), "c")
        .service("w3", "w3", List.of(), "c")
        .service("w4", "w4", List.of(), "c")
        .build();
  }

  private DagRunner runner(Manifest m, AtomicBoolean cancelled) {
    Map<String, Integer> cores = new java.util.HashMap<>();
    m.targets().values().forEach(t -> cores.put(t.name(), t.numOfCores()));
    return new DagRunner(pool, cores, cancelled::get);
  }

  /** Runs {@code step} for every mapping of {@code m}, in its dependency order. */
  private DagRunner.Outcome runAll(Manifest m, AtomicBoolean cancelled, DagRunner.Step step)
      throws InterruptedException {
    return runner(m, cancelled).run(m.mappings(), TransitionPlan.dependencies(m), step);
  }

  private static String name(MappingEntry e) {
    return e.service() + "@" + e.target();
  }

  @Test
  void everyStepRunsAfterThoseItComesAfter() throws Exception {
    Manifest m = model(4);
    DagRunner.Outcome out = runAll(m, new AtomicBoolean(), e -> log.add(name(e)));

    assertThat(out.ok()).isTrue();
    assertThat(out.completed()).containsExactlyInAnyOrderElementsOf(m.mappings());
    assertThat(log.indexOf("db@a"))
        .isLessThan(log.indexOf("web@a"))
        .isLessThan(log.indexOf("cron@b"));
    assertThat(log.indexOf("db@a")).isLessThan(log.indexOf("web@b"));
    assertThat(log.indexOf("web@b")).isLessThan(log.indexOf("cron@b"));
  }

  @Test
  void noMoreStepsRunOnATargetAtOnceThanItHasCores() throws Exception {
    Manifest m = model(2);
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    DagRunner.Outcome out =
        runAll(
            m,
            new AtomicBoolean(),
            e -> {
              if (e.target().equals("c")) {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                Thread.sleep(30);
                now.decrementAndGet();
              }
            });
    assertThat(out.ok()).isTrue();
    assertThat(most.get()).isBetween(1, 2);
  }

  @Test
  void theFirstFailureStartsNothingNewAndSaysWhatCompleted() throws Exception {
    Manifest m = model(4);
    DagRunner.Outcome out =
        runAll(
            m,
            new AtomicBoolean(),
            e -> {
              log.add(name(e));
              if (name(e).equals("web@b")) {
                throw new IOException("web would not start on b");
              }
            });

    assertThat(out.ok()).isFalse();
    assertThat(out.failedMapping()).isEqualTo(mapping(m, "web", "b"));
    assertThat(out.failure()).hasMessage("web would not start on b");
    assertThat(log).doesNotContain("cron@b"); // it comes after web, which failed on b
    assertThat(out.completed()).contains(mapping(m, "db", "a")).doesNotContain(out.failedMapping());
    assertThat(out.completed()).allMatch(e -> log.contains(name(e)));
  }

  @Test
  void aCancelledRunStartsNothingNew() throws Exception {
    Manifest m = model(4);
    AtomicBoolean cancelled = new AtomicBoolean();
    DagRunner.Outcome out =
        runAll(
            m,
            cancelled,
            e -> {
              log.add(name(e));
              cancelled.set(true);
            });
    assertThat(out.failure()).isInstanceOf(InterruptedException.class);
    assertThat(log).doesNotContain("cron@b");
    assertThat(out.completed()).hasSameSizeAs(log);
  }

  @Test
  void stepsWaitingOnEachOtherAreRefusedNotHung() {
    Manifest m = model(4);
    MappingEntry db = mapping(m, "db", "a");
    MappingEntry web = mapping(m, "web", "a");
    Map<String, List<MappingEntry>> circle = Map.of(db.key(), List.of(web), web.key(), List.of(db));
    assertThatThrownBy(
            () ->
                runner(m, new AtomicBoolean()).run(List.of(db, web), circle, e -> log.add(name(e))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("wait on each other");
    assertThat(log).isEmpty();
  }
}
