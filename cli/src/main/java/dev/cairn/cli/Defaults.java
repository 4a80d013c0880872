package dev.cairn.cli;

/** Settings given by an option, else by an environment variable, else by a built-in default. */
final class Defaults {
  private Defaults() {}

  /** {@code given} if not null, else {@code $variable} if set and not blank, else {@code value}. */
  static String chosen(String given, String variable, String value) {
    if (given != null) {
      return given;
    }
    String env = System.getenv(variable);
    return env == null || env.isBlank() ? value : env;
  }
}
