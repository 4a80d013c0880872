package dev.cairn.store.yaml;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean" for misspelt names: the closest candidate by edit distance, if it is close enough
 * to be a likely typo rather than a different word.
 */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to {@code typed}, ignoring case, if within a third of its length (at
   * least one edit, at most three) and not a rewrite of a one-letter name.
   */
  public static Optional<String> closest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(YamlMapReader.fold(typed), YamlMapReader.fold(candidate));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int limit = Math.max(1, Math.min(3, typed.length() / 3));
    boolean likelyTypo =
        best != null
            && bestDistance <= limit
            && bestDistance < typed.length()
            && bestDistance < best.length();
    return likelyTypo ? Optional.of(best) : Optional.empty();
  }

  /** Optimal string alignment distance: Levenshtein plus swaps of adjacent letters. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
