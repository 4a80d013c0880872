package dev.cairn.cli;

import dev.cairn.store.LocalStore;
import dev.cairn.store.StorePath;
import dev.cairn.store.build.BuildEvents;
import dev.cairn.store.build.BuildFailedException;
import dev.cairn.store.build.BuildOptions;
import dev.cairn.store.build.RecipeBuilder;
import dev.cairn.store.recipe.Recipe;
import dev.cairn.store.recipe.RecipeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn store build}. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description =
        "Build a recipe and the recipes it needs (independent ones in parallel); print the"
            + " output path.")
final class StoreBuildCommand extends StoreTask {
  @Parameters(paramLabel = "FILE.yaml", description = "The recipe file.")
  Path file;

  @Option(
      names = {"-A", "--attr"},
      paramLabel = "NAME",
      description = "The recipe to build (default: the file's default, or its only recipe).")
  String attr;

  @Option(names = "--keep-failed", description = "Keep the build directory of a failed build.")
  boolean keepFailed;

  @Option(
      names = {"-j", "--max-jobs"},
      paramLabel = "N",
      description = "Builds to run at once (default: the number of cores).")
  Integer maxJobs;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "7200",
      description = "Kill a build that runs longer (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(
      names = {"-o", "--out-link"},
      paramLabel = "LINK",
      description = "Make LINK a symlink to the output and a garbage-collector root.")
  Path outLink;

  @Option(names = "--dry-run", description = "Print the output path; build nothing.")
  boolean dryRun;

  @Override
  int run(LocalStore store) throws IOException {
    RecipeFile recipes = RecipeFile.parse(file);
    Recipe recipe = recipes.select(Optional.ofNullable(attr));
    BuildOptions options =
        new BuildOptions(
            keepFailed,
            maxJobs == null ? Runtime.getRuntime().availableProcessors() : maxJobs,
            Duration.ofSeconds(timeoutSeconds));
    RecipeBuilder builder = new RecipeBuilder(store, options, progress(store));
    if (dryRun) {
      out().println(store.print(builder.outputPath(recipes, recipe)));
      out().flush();
      return 0;
    }
    StorePath built;
    try {
      built = builder.build(recipes, recipe);
    } catch (BuildFailedException e) {
      err().println("error: " + e.getMessage());
      err().println("last lines of the log (" + e.log() + "):");
      e.logTail().forEach(line -> err().println("  | " + line));
      e.keptDir().ifPresent(d -> err().println("the build directory is kept in " + d));
      err().flush();
      return ErrorHandler.FAILED;
    }
    if (outLink != null) {
      OutLinks.create(store, outLink, built);
    }
    out().println(store.print(built));
    out().flush();
    return 0;
  }

  private BuildEvents progress(LocalStore store) {
    return new BuildEvents() {
      @Override
      public void started(String recipe, StorePath out) {
        err().println("building '" + recipe + "' (" + store.print(out) + ")");
        err().flush();
      }

      @Override
      public void finished(String recipe, StorePath out, Duration took) {
        err().printf("built '%s' in %.1f s%n", recipe, took.toMillis() / 1000.0);
        err().flush();
      }
    };
  }

  /** Creates out-links registered as indirect roots, as nix-build's result links are. */
  static final class OutLinks {
    private OutLinks() {}

    static void create(LocalStore store, Path link, StorePath path) throws IOException {
      Path abs = link.toAbsolutePath().normalize();
      if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(abs)) {
        throw new dev.cairn.store.StoreException(
            abs + " exists and is not a symlink; choose another --out-link");
      }
      store.addRoot(abs, path);
    }
  }
}
