package dev.cairn.process;

import java.io.IOException;

/**
 * A processes model cannot be deployed as asked, or a process manager failed. The message names the
 * instance, file or command and says what to do.
 */
public class ProcessException extends IOException {
  private static final long serialVersionUID = 1L;

  /** With a message that names the thing and the fix. */
  public ProcessException(String message) {
    super(message);
  }

  /** With a message and the underlying cause. */
  public ProcessException(String message, Throwable cause) {
    super(message, cause);
  }
}
