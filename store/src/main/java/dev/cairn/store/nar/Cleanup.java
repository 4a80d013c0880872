package dev.cairn.store.nar;

import java.io.IOException;
import java.nio.file.Path;

/** Removes what a failed copy or restore left behind, without hiding the original failure. */
final class Cleanup {
  private Cleanup() {}

  static void deleteAfterFailure(Path target, Throwable failure) {
    try {
      Canonicalizer.deleteTree(target);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
