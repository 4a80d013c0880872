package dev.cairn.store;

/**
 * What a garbage collection should do.
 *
 * @param dryRun only report what would be deleted
 * @param maxFreed stop once this many bytes are freed ({@link Long#MAX_VALUE}: no limit)
 */
public record GcOptions(boolean dryRun, long maxFreed) {
  /** Checks the limit. */
  public GcOptions {
    if (maxFreed < 0) {
      throw new IllegalArgumentException("--max-freed cannot be negative: " + maxFreed);
    }
  }

  /** Deletes all garbage. */
  public static GcOptions all() {
    return new GcOptions(false, Long.MAX_VALUE);
  }
}
