package dev.cairn.store;

import java.io.IOException;

/** A store operation failed for a reason the user can act on; the message says what to do. */
public class StoreException extends IOException {
  private static final long serialVersionUID = 1L;

  /** With a message naming the path or file and the fix. */
  public StoreException(String message) {
    super(message);
  }

  /** With a message and the cause. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
