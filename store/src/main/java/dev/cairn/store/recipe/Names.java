package dev.cairn.store.recipe;

import java.util.regex.Pattern;

/** Shell identifiers and the variable names derived from input references. */
final class Names {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HASH_PREFIX = Pattern.compile("[0-9a-z]{32}-");

  private Names() {}

  static boolean isIdentifier(String s) {
    return s != null && IDENTIFIER.matcher(s).matches();
  }

  /**
   * The variable for an input given in list form: the recipe name, or a store path's name without
   * its hash, with every character other than letters, digits and {@code _} replaced by {@code _}.
   */
  static String variableFor(String ref) {
    String base = ref;
    if (ref.startsWith("/")) {
      base = ref.substring(ref.lastIndexOf('/') + 1);
      if (HASH_PREFIX.matcher(base).lookingAt()) {
        base = base.substring(33);
      }
    }
    return base.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
