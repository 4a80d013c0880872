package dev.cairn.store.recipe;

import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import dev.cairn.store.yaml.YamlValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a recipe's {@code files}: paths inside {@code $out}, texts and modes. */
final class FilesParser {
  private static final Pattern OCTAL_MODE = Pattern.compile("[0-7]{3,4}");

  private FilesParser() {}

  static List<InlineFile> parse(
      YamlMapReader recipe, String recipeAttr, Collection<String> inputVariables)
      throws YamlException {
    if (!recipe.has("files")) {
      return List.of();
    }
    YamlMap files = YamlValues.map(recipe.required("files"), recipe.what("files"));
    Map<String, YamlMap.Entry> byPath = new HashMap<>();
    List<InlineFile> out = new ArrayList<>();
    for (YamlMap.Entry entry : files.entries().values()) {
      String what = "file '" + entry.key() + "' of recipe '" + recipeAttr + "'";
      String path = checkPath(entry, what, byPath);
      InlineFile file = file(entry, path, what);
      Optional<String> problem = Placeholders.problem(file.text(), inputVariables);
      if (problem.isPresent()) {
        throw new YamlException(textLocation(entry), what + ": " + problem.get());
      }
      out.add(file);
    }
    return out;
  }

  private static String checkPath(
      YamlMap.Entry entry, String what, Map<String, YamlMap.Entry> byPath) throws YamlException {
    String problem = pathProblem(entry.key());
    if (problem != null) {
      throw new YamlException(entry.keyLocation(), what + ": " + problem);
    }
    String path = normalise(entry.key());
    YamlMap.Entry earlier = byPath.putIfAbsent(path, entry);
    if (earlier != null) {
      throw new YamlException(
          entry.keyLocation(),
          what + " is the same path as '" + earlier.key() + "' at " + earlier.keyLocation());
    }
    for (Map.Entry<String, YamlMap.Entry> other : byPath.entrySet()) {
      String o = other.getKey();
      if (path.startsWith(o + "/") || o.startsWith(path + "/")) {
        String file = o.length() < path.length() ? o : path;
        throw new YamlException(
            entry.keyLocation(),
            what
                + " clashes with '"
                + other.getValue().key()
                + "' at "
                + other.getValue().keyLocation()
                + ": '"
                + file
                + "' cannot be both a file and a directory");
      }
    }
    return path;
  }

  private static InlineFile file(YamlMap.Entry entry, String path, String what)
      throws YamlException {
    YamlNode value = entry.value();
    if (value instanceof YamlScalar scalar && scalar.kind() != YamlScalar.Kind.NULL) {
      return new InlineFile(path, scalar.text(), false, entry.keyLocation());
    }
    if (!(value instanceof YamlMap)) {
      throw YamlValues.wrongType(value, what, "a string or a map {text, mode}");
    }
    YamlMapReader file = YamlMapReader.of(value, what).allowOnly(InlineFile.KEYS);
    String text = file.requiredString("text");
    boolean executable = file.has("mode") && executable(file.required("mode"), what);
    return new InlineFile(path, text, executable, entry.keyLocation());
  }

  private static boolean executable(YamlNode modeNode, String what) throws YamlException {
    String where = "mode of " + what;
    if (!(modeNode instanceof YamlScalar scalar) || !scalar.quoted()) {
      String found = modeNode.describe();
      String fix = "";
      if (modeNode instanceof YamlScalar s && s.kind() != YamlScalar.Kind.NULL) {
        found = found + " (" + s.text() + ")";
        fix = "; quote it: \"" + s.text() + "\"";
      }
      throw new YamlException(
          modeNode.location(),
          where
              + " must be a quoted octal string such as \"0644\" or \"0755\", got "
              + found
              + fix);
    }
    String mode = scalar.text();
    if (!OCTAL_MODE.matcher(mode).matches()) {
      throw new YamlException(
          modeNode.location(),
          where + " '" + mode + "' is not an octal mode; write it like \"0644\" or \"0755\"");
    }
    int bits = Integer.parseInt(mode, 8);
    if (bits > 0777) {
      throw new YamlException(
          modeNode.location(),
          where
              + " '"
              + mode
              + "' sets setuid, setgid or sticky bits, which the store does not keep; use"
              + " \"0644\" or \"0755\"");
    }
    return (bits & 0100) != 0;
  }

  private static SourceLocation textLocation(YamlMap.Entry entry) {
    if (entry.value() instanceof YamlMap map) {
      return map.get("text").map(YamlNode::location).orElse(map.location());
    }
    return entry.value().location();
  }

  /** What is wrong with a path written under {@code files}, or null. */
  static String pathProblem(String path) {
    if (path.startsWith("/")) {
      return "the path must be relative to $out, not absolute";
    }
    String[] parts = path.split("/", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        return "the path has an empty component; write it like 'bin/hello'";
      }
      if (part.equals("..")) {
        return "the path cannot leave $out with '..'";
      }
    }
    return normalise(path).isEmpty() ? "the path names $out itself; name a file in it" : null;
  }

  /** Drops {@code .} components. */
  static String normalise(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/", -1)) {
      if (!part.equals(".")) {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }
}
