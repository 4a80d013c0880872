package dev.cairn.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
        .layer("cli")
        .definedBy("dev.cairn.cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("store")
        .mayOnlyBeAccessedByLayers("cli")
        .check(CAIRN);
  }

  @Test
  void storeDoesNotPrintOrExit() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that()
        .resideInAPackage("dev.cairn.store..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .orShould()
        .callMethod(System.class, "exit", int.class)
        .because("only the CLI prints and picks exit codes (STYLE.md 7)")
        .check(CAIRN);
  }
}
