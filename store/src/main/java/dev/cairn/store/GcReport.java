package dev.cairn.store;

import java.util.List;

/**
 * What a garbage collection did.
 *
 * @param deleted the store paths deleted (or that would be, in a dry run), in deletion order
 * @param bytesFreed the sum of their NAR sizes
 * @param roots how many roots kept paths alive
 * @param dryRun whether nothing was actually deleted
 */
public record GcReport(List<StorePath> deleted, long bytesFreed, int roots, boolean dryRun) {
  /** Copies the list. */
  public GcReport {
    deleted = List.copyOf(deleted);
  }
}
