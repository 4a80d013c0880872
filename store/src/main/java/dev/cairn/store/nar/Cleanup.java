package dev.cairn.store.nar;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Removes what a failed copy, restore or move into the store left behind, without hiding the
 * original failure.
 */
public final class Cleanup {
  private Cleanup() {}

  /** Deletes the tree at {@code target}; a failure to is added to {@code failure}. */
  public static void deleteAfterFailure(Path target, Throwable failure) {
    try {
      Canonicalizer.deleteTree(target);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
