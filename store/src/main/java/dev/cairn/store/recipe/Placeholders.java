package dev.cairn.store.recipe;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders allowed in inline file texts and {@code env} values: {@code ${{ out }}} (the
 * recipe's output path) and {@code ${{ inputs.NAME }}} (the store path of the input whose variable
 * is {@code NAME}). Spaces inside the braces are optional.
 */
public final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{\\{([^}]*)}}");
  private static final Pattern INPUT = Pattern.compile("inputs\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)");
  private static final String OPEN = "${{";

  private Placeholders() {}

  /**
   * Replaces every placeholder in {@code text}.
   *
   * @param inputs store paths by input variable
   * @param out the output's store path
   * @throws IllegalArgumentException if the text holds a placeholder that is malformed or names an
   *     input not in {@code inputs}; recipes are checked when parsed, so this is a programming
   *     error
   */
  public static String substitute(String text, Map<String, String> inputs, String out) {
    problem(text, inputs.keySet())
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder result = new StringBuilder();
    while (m.find()) {
      String inner = m.group(1).strip();
      String value = inner.equals("out") ? out : inputs.get(inputName(inner));
      m.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    m.appendTail(result);
    return result.toString();
  }

  /** Whether {@code text} holds anything that looks like a placeholder. */
  static boolean mentionsPlaceholder(String text) {
    return text.contains(OPEN);
  }

  /**
   * What is wrong with the placeholders in {@code text}, given the recipe's input variables: an
   * unknown placeholder, an unknown input or an unclosed {@code ${{}.
   */
  static Optional<String> problem(String text, Collection<String> inputVariables) {
    Matcher m = PLACEHOLDER.matcher(text);
    int checked = 0;
    while (m.find()) {
      if (text.substring(checked, m.start()).contains(OPEN)) {
        break;
      }
      checked = m.end();
      String inner = m.group(1).strip();
      String name = inputName(inner);
      if (!inner.equals("out") && (name == null || !inputVariables.contains(name))) {
        return Optional.of("'" + m.group() + "' is not allowed; " + allowed(inputVariables));
      }
    }
    if (text.indexOf(OPEN, checked) >= 0) {
      return Optional.of("'${{' is not closed with '}}'; " + allowed(inputVariables));
    }
    return Optional.empty();
  }

  private static String inputName(String inner) {
    Matcher m = INPUT.matcher(inner);
    return m.matches() ? m.group(1) : null;
  }

  private static String allowed(Collection<String> inputVariables) {
    String inputs =
        inputVariables.isEmpty()
            ? "this recipe has no inputs"
            : "inputs: " + String.join(", ", inputVariables);
    return "use ${{ out }} or ${{ inputs.NAME }} (" + inputs + ")";
  }
}
