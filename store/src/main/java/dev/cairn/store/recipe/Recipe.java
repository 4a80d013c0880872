package dev.cairn.store.recipe;

import dev.cairn.store.StorePath;
import dev.cairn.store.yaml.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One build recipe, as written in a {@link RecipeFile}.
 *
 * <p>Collections are in a deterministic order fit for hashing: {@code files} sorted by path, {@code
 * env} and {@code hostTools} sorted; {@code inputs} keep the written order, which is the order of
 * their directories on {@code PATH}. {@code description} is documentation only and must not be part
 * of the output's hash; {@code location}s are not either.
 *
 * @param attr the recipe's key under {@code recipes}, used by {@code inputs}, {@code default} and
 *     {@code --attr}
 * @param name the output name's base ({@code name}, defaulting to {@code attr})
 * @param version the version, appended to the output name as {@code name-version}
 * @param description free text for people, not hashed
 * @param src the source, if any
 * @param files inline files written into {@code $out} before {@code build} runs, sorted by path
 * @param build the bash script, if any
 * @param inputs the inputs in written order, with unique variables
 * @param hostTools commands taken from the host's {@code PATH}, sorted, without duplicates
 * @param env extra environment variables for the build, sorted by name
 * @param location where the recipe's key is written
 */
public record Recipe(
    String attr,
    String name,
    Optional<String> version,
    Optional<String> description,
    Optional<Source> src,
    List<InlineFile> files,
    Optional<String> build,
    List<InputRef> inputs,
    List<String> hostTools,
    Map<String, String> env,
    SourceLocation location) {
  /** The keys a recipe may have, in the order messages list them. */
  public static final List<String> KEYS =
      List.of(
          "name", "version", "description", "src", "inputs", "hostTools", "env", "files", "build");

  /**
   * Environment names the builder sets itself; neither {@code env} keys nor input variables may use
   * them.
   */
  public static final Set<String> RESERVED_ENV =
      Set.of(
          "out",
          "src",
          "PATH",
          "HOME",
          "TMPDIR",
          "TMP",
          "TEMP",
          "TEMPDIR",
          "NIX_BUILD_TOP",
          "SOURCE_DATE_EPOCH",
          "PWD",
          "SHELL");

  /** Checks names, sorts and copies collections. */
  public Recipe {
    Objects.requireNonNull(attr, "attr");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(location, "location");
    StorePath.checkName(outputName(name, version));
    List<InlineFile> sortedFiles = new ArrayList<>(files);
    sortedFiles.sort(Comparator.comparing(InlineFile::path));
    files = List.copyOf(sortedFiles);
    inputs = List.copyOf(inputs);
    hostTools = hostTools.stream().distinct().sorted().toList();
    env = Collections.unmodifiableMap(new TreeMap<>(env));
    checkVariables(inputs, env);
  }

  /** The output's store path name: {@code name-version}, or {@code name} without a version. */
  public String outputName() {
    return outputName(name, version);
  }

  /** The inputs that are recipes of the same file. */
  public List<InputRef> recipeInputs() {
    return inputs.stream().filter(i -> !i.isStorePath()).toList();
  }

  private static String outputName(String name, Optional<String> version) {
    return version.map(v -> name + "-" + v).orElse(name);
  }

  private static void checkVariables(List<InputRef> inputs, Map<String, String> env) {
    Set<String> seen = new HashSet<>();
    for (InputRef input : inputs) {
      if (!seen.add(input.variable()) || RESERVED_ENV.contains(input.variable())) {
        throw new IllegalArgumentException(
            "input variable '" + input.variable() + "' is reserved or used twice");
      }
    }
    for (String key : env.keySet()) {
      if (!Names.isIdentifier(key) || RESERVED_ENV.contains(key) || seen.contains(key)) {
        throw new IllegalArgumentException(
            "env name '" + key + "' is no identifier, reserved or an input variable");
      }
    }
  }
}
