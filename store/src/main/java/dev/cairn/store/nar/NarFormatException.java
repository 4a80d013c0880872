package dev.cairn.store.nar;

import dev.cairn.store.StoreException;

/**
 * A NAR or {@code nix-store --export} stream is corrupt, truncated or hostile, or holds something
 * Cairn cannot restore verbatim. The message names the entry inside the archive and the byte offset
 * in the stream where the problem was found.
 */
public class NarFormatException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** With a message naming the entry, the offset and what is wrong. */
  public NarFormatException(String message) {
    super(message);
  }

  /** With a message and the cause. */
  public NarFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
