package dev.cairn.store.recipe;

import dev.cairn.store.StorePath;
import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlList;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import dev.cairn.store.yaml.YamlValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads one recipe from its map. Checks that need the whole file (input references, cycles, {@code
 * default}) are in {@link RecipeFile}.
 */
final class RecipeParser {
  private final Path baseDir;

  /** With the directory relative {@code src} paths are resolved against. */
  RecipeParser(Path baseDir) {
    this.baseDir = baseDir;
  }

  Recipe parse(YamlMap.Entry entry) throws YamlException {
    String attr = entry.key();
    checkName(attr, entry.keyLocation(), "recipe name '" + attr + "'");
    YamlMapReader r = YamlMapReader.of(entry.value(), "recipe '" + attr + "'");
    r.allowOnly(Recipe.KEYS);
    String name = r.optionalString("name").orElse(attr);
    Optional<String> version = r.optionalString("version");
    checkOutputName(r, attr, name, version);
    List<InputRef> inputs = InputsParser.parse(r);
    List<String> variables = inputs.stream().map(InputRef::variable).toList();
    Optional<Source> src = source(r);
    List<InlineFile> files = FilesParser.parse(r, attr, variables);
    Optional<String> build = build(r);
    Map<String, String> env = env(r, variables);
    List<String> hostTools = hostTools(r);
    if (src.isEmpty() && files.isEmpty() && build.isEmpty()) {
      throw new YamlException(
          entry.keyLocation(),
          "recipe '" + attr + "' has nothing to build; give it 'files', 'src' or 'build'");
    }
    return new Recipe(
        attr,
        name,
        version,
        r.optionalString("description"),
        src,
        files,
        build,
        inputs,
        hostTools,
        env,
        entry.keyLocation());
  }

  private static void checkOutputName(
      YamlMapReader r, String attr, String name, Optional<String> version) throws YamlException {
    if (r.has("name")) {
      checkName(name, r.required("name").location(), r.what("name") + ": '" + name + "'");
    }
    if (version.isPresent()) {
      SourceLocation at = r.required("version").location();
      if (version.get().isEmpty()) {
        throw new YamlException(at, r.what("version") + " cannot be empty; leave it out instead");
      }
      String output = name + "-" + version.get();
      checkName(output, at, "output name '" + output + "' of recipe '" + attr + "'");
    }
  }

  private static void checkName(String name, SourceLocation at, String what) throws YamlException {
    try {
      StorePath.checkName(name);
    } catch (IllegalArgumentException e) {
      String why = e.getMessage().replace(" (pass --name to choose one)", "");
      throw new YamlException(at, what + " is not a valid store path name: " + why);
    }
  }

  private Optional<Source> source(YamlMapReader r) throws YamlException {
    if (!r.has("src")) {
      return Optional.empty();
    }
    YamlNode node = r.required("src");
    YamlNode pathNode = node;
    List<String> exclude = List.of();
    if (node instanceof YamlMap) {
      YamlMapReader src = YamlMapReader.of(node, "src of " + r.description());
      src.allowOnly(Source.KEYS);
      pathNode = src.required("path");
      exclude = excludes(src);
    } else if (!(node instanceof YamlScalar)) {
      throw YamlValues.wrongType(node, r.what("src"), "a path or a map {path, exclude}");
    }
    String raw = YamlValues.string(pathNode, r.what("src"));
    Path path = baseDir.resolve(raw).toAbsolutePath().normalize();
    if (raw.isEmpty() || !Files.exists(path)) {
      throw new YamlException(
          pathNode.location(),
          r.what("src") + " '" + raw + "' does not exist (looked for " + path + ")");
    }
    return Optional.of(new Source(path, exclude, node.location()));
  }

  private static List<String> excludes(YamlMapReader src) throws YamlException {
    if (!src.has("exclude")) {
      return List.of();
    }
    YamlNode node = src.required("exclude");
    if (!(node instanceof YamlList list)) {
      throw YamlValues.wrongType(node, src.what("exclude"), "a list of glob patterns");
    }
    List<String> patterns = new ArrayList<>();
    for (YamlNode item : list.items()) {
      String pattern = YamlValues.string(item, "each of " + src.what("exclude"));
      String problem = Source.patternProblem(pattern);
      if (problem != null) {
        throw new YamlException(item.location(), problem);
      }
      patterns.add(pattern);
    }
    return patterns;
  }

  private static Optional<String> build(YamlMapReader r) throws YamlException {
    Optional<String> build = r.optionalString("build");
    if (build.isPresent() && Placeholders.mentionsPlaceholder(build.get())) {
      throw r.error(
          "build",
          "the build script of "
              + r.description()
              + " cannot use '${{ … }}'; it runs in bash with $out and a variable per input"
              + " (such as $greeting) set");
    }
    return build;
  }

  private static Map<String, String> env(YamlMapReader r, List<String> variables)
      throws YamlException {
    if (!r.has("env")) {
      return Map.of();
    }
    YamlMap env = YamlValues.map(r.required("env"), r.what("env"));
    Map<String, String> out = new LinkedHashMap<>();
    for (YamlMap.Entry entry : env.entries().values()) {
      String key = entry.key();
      String what = "env '" + key + "' of " + r.description();
      if (!Names.isIdentifier(key)) {
        throw new YamlException(
            entry.keyLocation(), what + ": '" + key + "' is not a shell identifier");
      }
      if (Recipe.RESERVED_ENV.contains(key)) {
        throw new YamlException(
            entry.keyLocation(),
            what
                + ": '"
                + key
                + "' is set by the builder; reserved: "
                + String.join(", ", new TreeSet<>(Recipe.RESERVED_ENV)));
      }
      if (variables.contains(key)) {
        throw new YamlException(
            entry.keyLocation(), what + ": '" + key + "' is already the variable of an input");
      }
      String value = YamlValues.string(entry.value(), what);
      Optional<String> problem = Placeholders.problem(value, variables);
      if (problem.isPresent()) {
        throw new YamlException(entry.value().location(), what + ": " + problem.get());
      }
      out.put(key, value);
    }
    return out;
  }

  private static List<String> hostTools(YamlMapReader r) throws YamlException {
    List<String> tools = r.stringList("hostTools");
    if (tools.isEmpty()) {
      return tools;
    }
    List<YamlNode> items = YamlValues.list(r.required("hostTools"), r.what("hostTools")).items();
    for (int i = 0; i < tools.size(); i++) {
      String tool = tools.get(i);
      if (tool.isEmpty() || tool.contains("/") || tool.chars().anyMatch(Character::isWhitespace)) {
        throw new YamlException(
            items.get(i).location(),
            "host tool '"
                + tool
                + "' of "
                + r.description()
                + " must be a command name such as 'gcc', without '/' or spaces");
      }
      if (tools.indexOf(tool) < i) {
        throw new YamlException(
            items.get(i).location(),
            "host tool '" + tool + "' of " + r.description() + " is listed twice");
      }
    }
    return tools;
  }
}
