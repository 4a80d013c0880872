package dev.cairn.store.recipe;

import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlList;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a recipe's {@code inputs}, in list form ({@code [greeting, /nix/store/…-bash]}, variables
 * derived from the names) or map form ({@code {msg: greeting}}, variables chosen by the keys).
 */
final class InputsParser {
  private InputsParser() {}

  static List<InputRef> parse(YamlMapReader recipe) throws YamlException {
    if (!recipe.has("inputs")) {
      return List.of();
    }
    YamlNode node = recipe.required("inputs");
    String what = recipe.what("inputs");
    List<InputRef> inputs = new ArrayList<>();
    if (node instanceof YamlList list) {
      for (YamlNode item : list.items()) {
        String ref = YamlValues.string(item, "each of " + what);
        String variable = Names.variableFor(ref);
        inputs.add(input(variable, ref, item.location(), item.location(), what, true));
      }
    } else if (node instanceof YamlMap map) {
      for (YamlMap.Entry entry : map.entries().values()) {
        String ref = YamlValues.string(entry.value(), "'" + entry.key() + "' of " + what);
        inputs.add(
            input(entry.key(), ref, entry.value().location(), entry.keyLocation(), what, false));
      }
    } else {
      throw YamlValues.wrongType(node, what, "a list of names or a map {variable: name}");
    }
    checkUnique(inputs, recipe.description());
    return inputs;
  }

  private static InputRef input(
      String variable,
      String ref,
      SourceLocation refLocation,
      SourceLocation variableLocation,
      String what,
      boolean derived)
      throws YamlException {
    if (ref.startsWith("/") && !isNormalisedAbsolute(ref)) {
      throw new YamlException(
          refLocation,
          "input '" + ref + "' of " + what + " is not a normalised absolute store path");
    }
    String origin = derived ? " (made from '" + ref + "')" : "";
    String fix = derived ? "; use the map form to choose one: inputs: {myName: " + ref + "}" : "";
    if (!Names.isIdentifier(variable)) {
      throw new YamlException(
          variableLocation,
          "input variable '"
              + variable
              + "'"
              + origin
              + " is not a shell identifier ([A-Za-z_][A-Za-z0-9_]*)"
              + fix);
    }
    if (Recipe.RESERVED_ENV.contains(variable)) {
      throw new YamlException(
          variableLocation,
          "input variable '"
              + variable
              + "'"
              + origin
              + " is reserved for the builder ("
              + String.join(", ", new TreeSet<>(Recipe.RESERVED_ENV))
              + ")"
              + fix);
    }
    return new InputRef(variable, ref, refLocation);
  }

  private static void checkUnique(List<InputRef> inputs, String recipe) throws YamlException {
    Map<String, InputRef> seen = new HashMap<>();
    for (InputRef input : inputs) {
      InputRef earlier = seen.putIfAbsent(input.variable(), input);
      if (earlier != null) {
        throw new YamlException(
            input.location(),
            "input variable '"
                + input.variable()
                + "' of "
                + recipe
                + " is taken by '"
                + earlier.ref()
                + "' at "
                + earlier.location()
                + "; use the map form to choose distinct names");
      }
    }
  }

  private static boolean isNormalisedAbsolute(String ref) {
    return ref.length() > 1
        && !ref.endsWith("/")
        && !ref.contains("//")
        && Path.of(ref).normalize().toString().equals(ref);
  }
}
