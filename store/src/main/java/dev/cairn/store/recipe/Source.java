package dev.cairn.store.recipe;

import dev.cairn.store.yaml.SourceLocation;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.PatternSyntaxException;

/**
 * A recipe's source: a file or directory on the host, copied into the build, minus excluded paths.
 *
 * <p>Exclude patterns are globs ({@code *}, {@code ?}, {@code **}, {@code [abc]}, {@code {a,b}})
 * matched against paths relative to the source, as in {@code .gitignore}: a pattern without a
 * {@code /} matches a file or directory name at any depth ({@code *.o}); one with a {@code /} (or
 * starting with one) matches the whole relative path ({@code docs/*.tmp}, {@code /build}); a
 * trailing {@code /} matches directories only ({@code build/}). An excluded directory excludes
 * everything below it.
 *
 * @param path the absolute, normalised path (relative paths are resolved against the recipe file's
 *     directory when parsed)
 * @param exclude the exclude patterns as written
 * @param location where {@code src} is written
 */
public record Source(Path path, List<String> exclude, SourceLocation location) {
  /** The keys of {@code src} written as a map. */
  public static final List<String> KEYS = List.of("path", "exclude");

  /** Checks the path is absolute and copies the patterns. */
  public Source {
    Objects.requireNonNull(location, "location");
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("source path '" + path + "' must be absolute");
    }
    path = path.normalize();
    exclude = List.copyOf(exclude);
    for (String pattern : exclude) {
      String problem = patternProblem(pattern);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
  }

  /**
   * Whether the file or directory at {@code relative} (with {@code /} separators, relative to
   * {@link #path}) is excluded, itself or through one of its parent directories.
   */
  public boolean isExcluded(String relative, boolean directory) {
    String[] parts = relative.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      prefix.append(i == 0 ? "" : "/").append(parts[i]);
      boolean isDirectory = i < parts.length - 1 || directory;
      if (matchesAny(prefix.toString(), parts[i], isDirectory)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesAny(String relative, String name, boolean directory) {
    for (String pattern : exclude) {
      boolean directoriesOnly = pattern.endsWith("/");
      String body = directoriesOnly ? pattern.substring(0, pattern.length() - 1) : pattern;
      boolean anchored = body.contains("/");
      body = body.startsWith("/") ? body.substring(1) : body;
      if (directoriesOnly && !directory) {
        continue;
      }
      Path target = Path.of(anchored ? relative : name);
      if (FileSystems.getDefault().getPathMatcher("glob:" + body).matches(target)) {
        return true;
      }
    }
    return false;
  }

  /** What is wrong with an exclude pattern, or null. */
  static String patternProblem(String pattern) {
    String body = pattern.replaceAll("^/|/$", "");
    if (body.isEmpty()) {
      return "exclude pattern '" + pattern + "' matches nothing; give a glob such as '*.o'";
    }
    for (String part : body.split("/", -1)) {
      if (part.isEmpty() || part.equals("..") || part.equals(".")) {
        return "exclude pattern '"
            + pattern
            + "' has an empty, '.' or '..' component; patterns are relative to src";
      }
    }
    try {
      FileSystems.getDefault().getPathMatcher("glob:" + body);
      return null;
    } catch (PatternSyntaxException e) {
      return "exclude pattern '" + pattern + "' is not a valid glob: " + e.getDescription();
    }
  }
}
