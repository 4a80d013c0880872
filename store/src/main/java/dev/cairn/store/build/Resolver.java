package dev.cairn.store.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.store.Hash;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import dev.cairn.store.recipe.InlineFile;
import dev.cairn.store.recipe.InputRef;
import dev.cairn.store.recipe.Recipe;
import dev.cairn.store.recipe.RecipeFile;
import dev.cairn.store.yaml.YamlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Pins recipes down: adds sources to the store, finds store-path inputs and host tools, and
 * computes each output path from the canonical description (input addressing: the same description
 * always gives the same path, whatever the machine).
 */
final class Resolver {
  /**
   * Commands every build has without declaring them: a shell and the usual file tools. They are
   * linked from the host's PATH like declared host tools, and recorded in the description.
   */
  static final List<String> DEFAULT_TOOLS =
      List.of(
          "awk",
          "basename",
          "bash",
          "cat",
          "chmod",
          "cmp",
          "cp",
          "cut",
          "date",
          "diff",
          "dirname",
          "echo",
          "env",
          "expr",
          "false",
          "find",
          "grep",
          "gzip",
          "head",
          "install",
          "ln",
          "ls",
          "mkdir",
          "mktemp",
          "mv",
          "printf",
          "readlink",
          "realpath",
          "rm",
          "rmdir",
          "sed",
          "seq",
          "sh",
          "sha256sum",
          "sleep",
          "sort",
          "stat",
          "tail",
          "tar",
          "tee",
          "test",
          "touch",
          "tr",
          "true",
          "uniq",
          "wc",
          "xargs");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final LocalStore store;
  private final Map<String, ResolvedRecipe> resolved = new LinkedHashMap<>();

  Resolver(LocalStore store) {
    this.store = store;
  }

  /** Resolves {@code target} and the recipes it needs, dependencies first. */
  List<ResolvedRecipe> resolve(RecipeFile file, Recipe target) throws IOException {
    List<ResolvedRecipe> order = new ArrayList<>();
    for (Recipe r : file.closure(target)) {
      ResolvedRecipe rr = resolveOne(r);
      resolved.put(r.attr(), rr);
      order.add(rr);
    }
    return order;
  }

  private ResolvedRecipe resolveOne(Recipe r) throws IOException {
    Optional<StorePath> src = Optional.empty();
    if (r.src().isPresent()) {
      src = Optional.of(Sources.add(store, r.src().get(), r.outputName() + "-src"));
    }
    Map<String, StorePath> inputs = new LinkedHashMap<>();
    for (InputRef in : r.inputs()) {
      inputs.put(in.variable(), resolveInput(in));
    }
    Map<String, Path> tools = new TreeMap<>();
    for (String t : DEFAULT_TOOLS) {
      Path p = Sandbox.findOnPath(t);
      if (p != null) {
        tools.put(t, p);
      }
    }
    for (String t : r.hostTools()) {
      Path p = Sandbox.findOnPath(t);
      if (p == null) {
        throw new YamlException(
            r.location(),
            "recipe '"
                + r.attr()
                + "' declares host tool '"
                + t
                + "', which is not on this machine's PATH; install it or remove it from hostTools");
      }
      tools.put(t, p);
    }
    Path bash = tools.get("bash");
    if (bash == null) {
      throw new StoreException("bash is not on PATH; builds run their scripts with bash");
    }
    String description = describe(r, src, inputs, tools, bash);
    StorePath out =
        store
            .storeDir()
            .makeStorePath(
                "output:out",
                Hash.sha256(description.getBytes(StandardCharsets.UTF_8)),
                r.outputName());
    return new ResolvedRecipe(r, out, description, src, inputs, tools, bash);
  }

  private StorePath resolveInput(InputRef in) throws IOException {
    if (!in.isStorePath()) {
      return resolved.get(in.ref()).out();
    }
    StorePath p;
    try {
      p = store.storeDir().parse(in.ref());
    } catch (IllegalArgumentException e) {
      throw new YamlException(
          in.location(),
          "input '" + in.ref() + "' is not in the store directory " + store.storeDir().path());
    }
    if (!store.isValid(p)) {
      throw new YamlException(
          in.location(),
          "input " + in.ref() + " is not a valid store path here; add, build or import it first");
    }
    store.addTempRoot(p);
    return p;
  }

  private String describe(
      Recipe r,
      Optional<StorePath> src,
      Map<String, StorePath> inputs,
      Map<String, Path> tools,
      Path bash)
      throws StoreException {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("format", "cairn-recipe-1");
    d.put("name", r.outputName());
    d.put("system", System.getProperty("os.arch") + "-" + System.getProperty("os.name"));
    d.put("builder", bash.toString());
    d.put("script", r.build().orElse(null));
    d.put("src", src.map(store::print).orElse(null));
    List<List<String>> ins = new ArrayList<>();
    inputs.forEach((k, v) -> ins.add(List.of(k, store.print(v))));
    d.put("inputs", ins);
    List<Map<String, Object>> files = new ArrayList<>();
    for (InlineFile f : r.files()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", f.path());
      m.put("executable", f.executable());
      m.put("text", f.text());
      files.add(m);
    }
    d.put("files", files);
    d.put("env", r.env());
    Map<String, String> toolPaths = new TreeMap<>();
    tools.forEach((k, v) -> toolPaths.put(k, v.toString()));
    d.put("hostTools", toolPaths);
    try {
      return JSON.writeValueAsString(d);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot describe recipe '" + r.attr() + "': " + e.getMessage(), e);
    }
  }
}
