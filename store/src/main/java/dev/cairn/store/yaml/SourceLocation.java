package dev.cairn.store.yaml;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A position in a source file, 1-based as editors show it.
 *
 * @param file the file, as given to the reader (relative paths stay relative)
 * @param line the line, from 1
 * @param column the column, from 1
 */
public record SourceLocation(Path file, int line, int column) {
  /** Checks that line and column are 1-based. */
  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException(
          "line and column are 1-based, got " + line + ":" + column + " in " + file);
    }
  }

  /** Returns {@code file:line:column}. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
