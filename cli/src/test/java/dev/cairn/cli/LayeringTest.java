package dev.cairn.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of DESIGN.md point one way: the store knows nothing of the command line (nor, as they
 * arrive, of models, activation, processes, agents or deployment). Each later module adds its layer
 * here.
 */
class LayeringTest {
  private static final JavaClasses CAIRN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.cairn");

  @Test
  void dependenciesPointOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("store")
        .definedBy("dev.cairn.store..")
        .layer("model")
        .definedBy("dev.cairn.model..")
        .layer("activation")
        .definedBy("dev.cairn.activation..")
        .layer("process")
        .definedBy("dev.cairn.process..")
        .layer("agent")
        .definedBy("dev.cairn.agent..")
        .layer("deploy")
        .definedBy("dev.cairn.deploy..")
        .layer("cli")
        .definedBy("dev.cairn.cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("deploy")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("agent")
        .mayOnlyBeAccessedByLayers("deploy", "cli")
        .whereLayer("model")
        .mayOnlyBeAccessedByLayers("deploy", "cli")
        .whereLayer("activation")
        .mayOnlyBeAccessedByLayers("process", "agent", "deploy", "cli")
        .whereLayer("process")
        .mayOnlyBeAccessedByLayers("agent", "deploy", "cli")
        .whereLayer("store")
        .mayOnlyBeAccessedByLayers("model", "activation", "process", "agent", "deploy", "cli")
        .check(CAIRN);
  }

  @Test
  void onlyTheCommandLinePrintsOrExits() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that()
        .resideOutsideOfPackage("dev.cairn.cli..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .orShould()
        .callMethod(System.class, "exit", int.class)
        .because("only the CLI prints and picks exit codes (STYLE.md 7)")
        .check(CAIRN);
  }

  /**
   * Cairn's asynchronous work blocks (on ssh, a child's output, a database), and the common
   * fork-join pool, which these methods use unless given an executor, has as many threads as the
   * machine has processors, less one, and one on two cores: blocked work there waits for other
   * blocked work, on JDK 25 for ever (see {@code Background}). Tests too: the first sign of this
   * was a test that hung on JDK 25.
   */
  @Test
  void nothingBlocksOnTheCommonPool() throws IOException {
    DescribedPredicate<JavaMethodCall> onTheCommonPool =
        new DescribedPredicate<>(
            "an *Async method of CompletableFuture or CompletionStage given"
                + " no executor, or ForkJoinPool.commonPool()") {
          @Override
          public boolean test(JavaMethodCall call) {
            AccessTarget.MethodCallTarget m = call.getTarget();
            boolean future =
                m.getOwner().isAssignableTo(CompletionStage.class)
                    && m.getName().endsWith("Async")
                    && m.getRawParameterTypes().stream()
                        .noneMatch(t -> t.isAssignableTo(Executor.class));
            return future
                || m.getOwner().isEquivalentTo(ForkJoinPool.class)
                    && m.getName().equals("commonPool");
          }
        };
    ArchRule rule =
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .should()
            .callMethodWhere(onTheCommonPool)
            .because(
                "work started there may wait for ever; give it Background.threads() or a pool");
    rule.check(CAIRN);
    rule.check(everyModulesTests());
  }

  /**
   * The test classes of every module, from their build directories: a reactor build has compiled
   * them before this module's tests run (only cli's are on this class path).
   */
  private static JavaClasses everyModulesTests() throws IOException {
    List<Path> dirs = new ArrayList<>();
    for (String module :
        List.of("store", "model", "activation", "process", "agent", "deploy", "cli")) {
      Path dir = Path.of("..", module, "target", "test-classes").toAbsolutePath().normalize();
      try (Stream<Path> files = Files.walk(dir)) {
        assertThat(files.anyMatch(f -> f.toString().endsWith(".class")))
            .as("compiled tests in " + dir + " (build them first: mvn verify at the root)")
            .isTrue();
      }
      dirs.add(dir);
    }
    return new ClassFileImporter().importPaths(dirs);
  }
}
