package dev.cairn.store.recipe;

import dev.cairn.store.yaml.SourceLocation;
import java.util.List;
import java.util.Objects;

/**
 * A file written into {@code $out} before the build script runs. Its text may hold {@code ${{ out
 * }}} and {@code ${{ inputs.NAME }}}, replaced by {@link Placeholders#substitute} when it is
 * written.
 *
 * @param path a normalised relative path inside {@code $out}, with {@code /} separators
 * @param text the content, before placeholder substitution
 * @param executable whether the file is executable: the only mode bit the store keeps (files end up
 *     0444 or 0555)
 * @param location where the file's key is written
 */
public record InlineFile(String path, String text, boolean executable, SourceLocation location) {
  /** The keys of a file entry written as a map. */
  public static final List<String> KEYS = List.of("text", "mode");

  /** Checks the path is normalised and relative. */
  public InlineFile {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(location, "location");
    String problem = FilesParser.pathProblem(path);
    if (problem != null || !FilesParser.normalise(path).equals(path)) {
      throw new IllegalArgumentException(
          "inline file path '" + path + "' must be relative and normalised");
    }
  }

  /** The file's mode in the store: {@code 0555} if executable, else {@code 0444}. */
  public int mode() {
    return executable ? 0555 : 0444;
  }
}
