package dev.cairn.model;

import java.util.regex.Pattern;

/** Identifiers, as template parameters and expression names need them. */
final class Names {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Names() {}

  static boolean isIdentifier(String s) {
    return IDENTIFIER.matcher(s).matches();
  }
}
