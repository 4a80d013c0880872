package dev.cairn.store.build;

import dev.cairn.store.StorePath;
import dev.cairn.store.recipe.Recipe;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A recipe with everything it refers to pinned down: its source and inputs as store paths, its
 * tools as host paths. Its canonical description decides its output path, so anything that can
 * change the output changes the path.
 *
 * @param recipe the recipe as written
 * @param out the output path
 * @param description the canonical JSON description the output path is hashed from
 * @param src the source's store path, if the recipe has a source
 * @param inputs input variables to store paths, in written order
 * @param tools command names to host paths, sorted
 * @param bash the shell that runs the build script
 */
record ResolvedRecipe(
    Recipe recipe,
    StorePath out,
    String description,
    Optional<StorePath> src,
    Map<String, StorePath> inputs,
    Map<String, Path> tools,
    Path bash) {
  ResolvedRecipe {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    tools = Collections.unmodifiableMap(new TreeMap<>(tools));
  }
}
