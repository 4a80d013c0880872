package dev.cairn.model;

import dev.cairn.store.yaml.Suggestions;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlList;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * {@code ${{ … }}} expressions in model values, in JEXL restricted to side-effect-free expressions
 * (no loops, assignments, lambdas, {@code new} or statements): a value language, not a templating
 * one.
 *
 * <p>Before evaluating, every name path the expression reads ({@code deps.server.port}) is checked
 * against the scope, so a misspelt name is reported with what exists instead of evaluating to null.
 * {@code ${{ out }}} and {@code ${{ inputs.NAME }}} are the builder's and are left as they are.
 * Compiled expressions are cached by their text for the life of the JVM.
 */
final class Expressions {
  static final String OPEN = "${{";
  static final String CLOSE = "}}";
  private static final Pattern BUILDER_PLACEHOLDER =
      Pattern.compile("out|inputs\\s*\\.\\s*[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INDEX = Pattern.compile("[0-9]{1,9}");
  private static final JexlFeatures FEATURES =
      new JexlFeatures()
          .script(false)
          .loops(false)
          .sideEffect(false)
          .sideEffectGlobal(false)
          .lambda(false)
          .newInstance(false)
          .localVar(false)
          .pragma(false)
          .annotation(false)
          .importPragma(false)
          .namespacePragma(false);
  private static final JexlEngine ENGINE =
      new JexlBuilder()
          .permissions(JexlPermissions.RESTRICTED)
          .features(FEATURES)
          .strict(true)
          .safe(false)
          .silent(false)
          .debug(false)
          .cache(0)
          .create();
  private static final ConcurrentMap<String, JexlScript> CACHE = new ConcurrentHashMap<>();

  private Expressions() {}

  /** Whether any string scalar in {@code node} holds {@code ${{}. */
  static boolean mentionsExpression(YamlNode node) {
    if (node instanceof YamlScalar s) {
      return s.kind() == YamlScalar.Kind.STRING && s.text().contains(OPEN);
    }
    if (node instanceof YamlList list) {
      return list.items().stream().anyMatch(Expressions::mentionsExpression);
    }
    return ((YamlMap) node)
        .entries().values().stream().anyMatch(e -> mentionsExpression(e.value()));
  }

  /**
   * The scalar's value: if it is exactly one expression, the expression's value with its type (an
   * integer stays an integer); otherwise its text with expressions substituted.
   */
  static Object typed(YamlScalar scalar, Scope scope, String what) throws YamlException {
    String text = scalar.text().strip();
    boolean single =
        text.startsWith(OPEN)
            && text.indexOf(CLOSE) == text.length() - CLOSE.length()
            && text.indexOf(OPEN, 1) < 0;
    if (single) {
      String inner = text.substring(OPEN.length(), text.length() - CLOSE.length()).strip();
      if (!BUILDER_PLACEHOLDER.matcher(inner).matches()) {
        return evaluate(inner, scalar, scope, what);
      }
    }
    return text(scalar, scope, what);
  }

  /** The scalar's text with every expression replaced by its value's text. */
  static String text(YamlScalar scalar, Scope scope, String what) throws YamlException {
    String text = scalar.text();
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    for (int open = text.indexOf(OPEN); open >= 0; open = text.indexOf(OPEN, from)) {
      int close = text.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        throw new YamlException(
            scalar.location(),
            what + ": '${{' is not closed with '}}' (at character " + (open + 1) + ")");
      }
      out.append(text, from, open);
      String inner = text.substring(open + OPEN.length(), close).strip();
      if (BUILDER_PLACEHOLDER.matcher(inner).matches()) {
        out.append(text, open, close + CLOSE.length());
      } else {
        out.append(asText(evaluate(inner, scalar, scope, what), inner, scalar, what));
      }
      from = close + CLOSE.length();
    }
    return out.append(text.substring(from)).toString();
  }

  private static String asText(Object value, String inner, YamlScalar at, String what)
      throws YamlException {
    if (value instanceof Map<?, ?> map) {
      throw new YamlException(
          at.location(),
          what
              + ": '${{ "
              + inner
              + " }}' is a map, which has no text; pick one of its entries: "
              + String.join(", ", map.keySet().stream().map(String::valueOf).toList()));
    }
    if (value instanceof List<?> list) {
      throw new YamlException(
          at.location(),
          what
              + ": '${{ "
              + inner
              + " }}' is a list of "
              + list.size()
              + ", which has no text; pick an item, such as [0], or join them");
    }
    return String.valueOf(value);
  }

  private static Object evaluate(String inner, YamlScalar at, Scope scope, String what)
      throws YamlException {
    JexlScript script = compile(inner, at, what);
    checkNames(script, inner, at, scope, what);
    Object value;
    try {
      value = script.execute(new MapContext(scope.names()));
    } catch (JexlException | ArithmeticException e) {
      throw new YamlException(
          at.location(), what + ": cannot evaluate '${{ " + inner + " }}': " + clean(e));
    }
    if (value == null) {
      throw new YamlException(
          at.location(), what + ": '${{ " + inner + " }}' evaluates to null; give it a value");
    }
    try {
      return Values.normalise(value);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new YamlException(
          at.location(), what + ": '${{ " + inner + " }}' gives " + e.getMessage());
    }
  }

  private static JexlScript compile(String inner, YamlScalar at, String what) throws YamlException {
    JexlScript cached = CACHE.get(inner);
    if (cached != null) {
      return cached;
    }
    if (inner.isEmpty()) {
      throw new YamlException(at.location(), what + ": '${{ }}' is empty; write an expression");
    }
    try {
      JexlScript script = ENGINE.createScript(FEATURES, new JexlInfo("expression", 1, 1), inner);
      CACHE.putIfAbsent(inner, script);
      return script;
    } catch (JexlException e) {
      throw new YamlException(
          at.location(),
          what
              + ": '${{ "
              + inner
              + " }}' is not a valid expression: "
              + clean(e)
              + " (expressions read values; they cannot assign, loop or create objects)");
    }
  }

  private static void checkNames(
      JexlScript script, String inner, YamlScalar at, Scope scope, String what)
      throws YamlException {
    for (List<String> path : script.getVariables()) {
      String first = path.get(0);
      if (!scope.names().containsKey(first)) {
        throw new YamlException(at.location(), what + ": " + unknownName(first, inner, scope));
      }
      Object current = scope.names().get(first);
      StringBuilder prefix = new StringBuilder(first);
      for (String key : path.subList(1, path.size())) {
        if (current instanceof Map<?, ?> map) {
          if (!map.containsKey(key)) {
            throw new YamlException(
                at.location(), what + ": " + missingKey(prefix, key, map, inner));
          }
          current = map.get(key);
        } else if (current instanceof List<?> list && INDEX.matcher(key).matches()) {
          int index = Integer.parseInt(key);
          if (index >= list.size()) {
            throw new YamlException(
                at.location(),
                what
                    + ": in '${{ "
                    + inner
                    + " }}', "
                    + prefix
                    + " has "
                    + list.size()
                    + " item(s); ["
                    + index
                    + "] is out of range");
          }
          current = list.get(index);
        } else {
          break;
        }
        appendStep(prefix, key);
      }
    }
  }

  private static String unknownName(String name, String inner, Scope scope) {
    String why = scope.unavailable().get(name);
    if (why != null) {
      return "'" + name + "' in '${{ " + inner + " }}' " + why;
    }
    String dashes =
        inner.contains("-")
            ? "; names with '-' need brackets, as in deps['hello-world-server'].port"
            : "";
    String suggestion =
        Suggestions.closest(name, scope.names().keySet())
            .map(s -> "; did you mean '" + s + "'?")
            .orElse(";");
    return "unknown name '"
        + name
        + "' in '${{ "
        + inner
        + " }}'"
        + dashes
        + suggestion
        + " names here: "
        + String.join(", ", scope.names().keySet());
  }

  private static String missingKey(CharSequence prefix, String key, Map<?, ?> map, String inner) {
    List<String> keys = map.keySet().stream().map(String::valueOf).toList();
    String dashed =
        keys.stream()
            .filter(k -> k.startsWith(key + "-"))
            .findFirst()
            .map(k -> "; names with '-' need brackets, as in " + prefix + "['" + k + "']")
            .orElse("");
    String suggestion =
        Suggestions.closest(key, keys).map(s -> "; did you mean '" + s + "'?").orElse(";");
    if (!dashed.isEmpty()) {
      suggestion = dashed + ";";
    }
    String has = keys.isEmpty() ? " it is empty" : " it has: " + String.join(", ", keys);
    return "in '${{ " + inner + " }}', " + prefix + " has no '" + key + "'" + suggestion + has;
  }

  private static void appendStep(StringBuilder prefix, String key) {
    if (INDEX.matcher(key).matches()) {
      prefix.append('[').append(key).append(']');
    } else if (Names.isIdentifier(key)) {
      prefix.append('.').append(key);
    } else {
      prefix.append("['").append(key).append("']");
    }
  }

  /** JEXL's message without its "expression@1:1" position prefix (the scalar's is better). */
  private static String clean(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    return message.replaceFirst("^\\S*@\\d+:\\d+(:\\d+)?\\s*", "").replaceAll("\\s*\\R\\s*", " ");
  }
}
