package dev.cairn.store;

import java.util.Objects;

/**
 * A store path without its store directory: the 32-letter hash part and the name, as in {@code
 * b6gvzjyb2pg0kjfwrjmg1vfhh54ad73z-hello-2.12}. {@link StoreDir} turns it into an absolute path.
 *
 * @param hashPart 32 Nix base-32 letters
 * @param name the name after the dash
 */
public record StorePath(String hashPart, String name) implements Comparable<StorePath> {
  /** Letters in a hash part. */
  public static final int HASH_LENGTH = 32;

  /** The longest name Nix accepts. */
  public static final int MAX_NAME_LENGTH = 211;

  /** Checks both parts. */
  public StorePath {
    Objects.requireNonNull(hashPart, "hashPart");
    checkName(name);
    if (hashPart.length() != HASH_LENGTH) {
      throw new IllegalArgumentException(
          "store path hash '" + hashPart + "' should have " + HASH_LENGTH + " letters");
    }
    for (int i = 0; i < HASH_LENGTH; i++) {
      if (!NixBase32.isDigit(hashPart.charAt(i))) {
        throw new IllegalArgumentException(
            "store path hash '" + hashPart + "' has '" + hashPart.charAt(i) + "', not base-32");
      }
    }
  }

  // equals and hashCode by hand: a record's generated ones are bootstrapped through method handles
  // on first use, spinning classes at every start, and store paths are keys everywhere.
  @Override
  public boolean equals(Object o) {
    return o instanceof StorePath p && hashPart.equals(p.hashPart) && name.equals(p.name);
  }

  @Override
  public int hashCode() {
    return 31 * hashPart.hashCode() + name.hashCode();
  }

  /**
   * Parses a base name {@code <hash>-<name>}.
   *
   * @throws IllegalArgumentException naming the text if it is no store path base name
   */
  public static StorePath parseBaseName(String baseName) {
    if (baseName.length() < HASH_LENGTH + 2 || baseName.charAt(HASH_LENGTH) != '-') {
      throw new IllegalArgumentException(
          "'" + baseName + "' is not a store path name (expected <32-letter hash>-<name>)");
    }
    return new StorePath(baseName.substring(0, HASH_LENGTH), baseName.substring(HASH_LENGTH + 1));
  }

  /**
   * Checks a store path name: Nix's letters {@code [A-Za-z0-9+-._?=]}, not starting with a dot, at
   * most 211 long.
   *
   * @throws IllegalArgumentException saying what is wrong with {@code name}
   */
  public static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a store path name cannot be empty");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "store path name '" + name + "' is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (name.charAt(0) == '.') {
      throw new IllegalArgumentException("store path name '" + name + "' cannot start with '.'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "+-._?=".indexOf(c) >= 0;
      if (!ok) {
        throw new IllegalArgumentException(
            "store path name '"
                + name
                + "' has '"
                + c
                + "'; use letters, digits and + - . _ ? = (pass --name to choose one)");
      }
    }
    return name;
  }

  /** Returns {@code <hash>-<name>}. */
  public String baseName() {
    return hashPart + "-" + name;
  }

  @Override
  public int compareTo(StorePath other) {
    return baseName().compareTo(other.baseName());
  }

  @Override
  public String toString() {
    return baseName();
  }
}
