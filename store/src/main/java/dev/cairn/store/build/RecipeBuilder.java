package dev.cairn.store.build;

import dev.cairn.store.LocalStore;
import dev.cairn.store.PathLock;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import dev.cairn.store.nar.Canonicalizer;
import dev.cairn.store.recipe.InputRef;
import dev.cairn.store.recipe.Recipe;
import dev.cairn.store.recipe.RecipeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds recipes into the store. Independent recipes build in parallel, up to {@link
 * BuildOptions#maxJobs}; a recipe whose output is valid already is not built again, and two
 * processes building the same output take turns through its path lock, the second finding it built.
 * Outputs are input-addressed: their paths are known before anything builds.
 */
public final class RecipeBuilder {
  private final LocalStore store;
  private final BuildOptions options;
  private final BuildEvents events;

  /** A builder for {@code store}. */
  public RecipeBuilder(LocalStore store, BuildOptions options, BuildEvents events) {
    this.store = store;
    this.options = options;
    this.events = events;
  }

  /**
   * Returns the output path {@code recipe} would build, without building anything (its sources are
   * added to the store, as they are part of what decides the path).
   *
   * @throws StoreException if a source, input or host tool cannot be found
   */
  public StorePath outputPath(RecipeFile file, Recipe recipe) throws IOException {
    List<ResolvedRecipe> order = new Resolver(store).resolve(file, recipe);
    return order.get(order.size() - 1).out();
  }

  /**
   * Builds {@code recipe} and the recipes it needs, and returns its output path, which stays valid
   * at least as long as the store is open.
   *
   * @throws BuildFailedException if a build fails, with the log's tail
   * @throws StoreException if a source, input or host tool cannot be found
   */
  public StorePath build(RecipeFile file, Recipe recipe) throws IOException {
    if (!store.layout().isPhysicalSameAsLogical()) {
      throw new StoreException(
          "cannot build into "
              + store.storeDir().path()
              + " while its files live in "
              + store.layout().physicalStoreDir()
              + ": build scripts write to $out by its logical path; build in a store whose"
              + " --store-dir is under --root, then export and import the closure");
    }
    List<ResolvedRecipe> order = new Resolver(store).resolve(file, recipe);
    ExecutorService pool = Executors.newFixedThreadPool(options.maxJobs());
    try {
      Map<String, CompletableFuture<StorePath>> futures = new HashMap<>();
      for (ResolvedRecipe rr : order) {
        List<CompletableFuture<StorePath>> deps = new ArrayList<>();
        for (InputRef in : rr.recipe().recipeInputs()) {
          deps.add(futures.get(in.ref()));
        }
        futures.put(
            rr.recipe().attr(),
            CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                .thenApplyAsync(ignored -> buildUnchecked(rr), pool));
      }
      return futures.get(recipe.attr()).get();
    } catch (ExecutionException | CompletionException e) {
      throw unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while building '" + recipe.attr() + "'", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static IOException unwrap(Exception e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof UncheckedIOException u) {
      return u.getCause();
    }
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    return new IOException(t);
  }

  private StorePath buildUnchecked(ResolvedRecipe rr) {
    try {
      return buildOne(rr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private StorePath buildOne(ResolvedRecipe rr) throws IOException {
    String attr = rr.recipe().attr();
    try (PathLock lock = store.lockPath(rr.out())) {
      if (store.isValid(rr.out())) {
        store.addTempRoot(rr.out());
        events.present(attr, rr.out());
        return rr.out();
      }
      long start = System.nanoTime();
      events.started(attr, rr.out());
      for (StorePath in : rr.inputs().values()) {
        store.addTempRoot(in);
      }
      Path scratch = store.newScratchDir("build-" + rr.out().name());
      boolean registered = false;
      boolean keep = false;
      try {
        new BuildJob(store, rr, options, scratch).run();
        StorePath deriver =
            store.addText(rr.out().name() + ".recipe.json", rr.description(), dependencies(rr));
        store.registerBuilt(rr.out(), candidates(rr), Optional.of(deriver));
        registered = true;
      } catch (BuildFailedException e) {
        keep = e.keptDir().isPresent();
        throw e;
      } finally {
        if (!registered && !keep) {
          Canonicalizer.deleteTree(store.layout().physical(rr.out()));
        }
        if (!keep) {
          Canonicalizer.deleteTree(scratch);
        }
      }
      events.finished(attr, rr.out(), Duration.ofNanos(System.nanoTime() - start));
      return rr.out();
    }
  }

  private static List<StorePath> dependencies(ResolvedRecipe rr) {
    List<StorePath> deps = new ArrayList<>(rr.inputs().values());
    rr.src().ifPresent(deps::add);
    return deps;
  }

  /** What an output may refer to: the closures of its inputs and source. */
  private List<StorePath> candidates(ResolvedRecipe rr) throws IOException {
    return store.closure(dependencies(rr));
  }
}
