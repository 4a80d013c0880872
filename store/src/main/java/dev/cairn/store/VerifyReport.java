package dev.cairn.store;

import java.util.List;

/**
 * What {@code verify} found.
 *
 * @param checked how many valid paths were checked
 * @param problems one line per problem, naming the path and what is wrong
 */
public record VerifyReport(int checked, List<String> problems) {
  /** Copies the list. */
  public VerifyReport {
    problems = List.copyOf(problems);
  }

  /** Returns whether nothing is wrong. */
  public boolean ok() {
    return problems.isEmpty();
  }
}
