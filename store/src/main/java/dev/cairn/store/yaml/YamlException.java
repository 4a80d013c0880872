package dev.cairn.store.yaml;

import dev.cairn.store.StoreException;
import java.util.Objects;

/**
 * A YAML or JSON file is malformed or does not fit the expected format. The message starts with
 * {@code file:line:column: } so editors and terminals can jump to the spot.
 */
public class YamlException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final transient SourceLocation location;
  private final String problem;

  /** With the location of the offending node and what is wrong with it. */
  public YamlException(SourceLocation location, String problem) {
    super(location + ": " + problem);
    this.location = Objects.requireNonNull(location, "location");
    this.problem = problem;
  }

  /** With the location, the problem and the underlying cause. */
  public YamlException(SourceLocation location, String problem, Throwable cause) {
    super(location + ": " + problem, cause);
    this.location = Objects.requireNonNull(location, "location");
    this.problem = problem;
  }

  /** Where the problem is. */
  public SourceLocation location() {
    return location;
  }

  /** The message without the location prefix. */
  public String problem() {
    return problem;
  }
}
