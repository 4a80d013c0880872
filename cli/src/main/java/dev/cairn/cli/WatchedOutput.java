package dev.cairn.cli;

import dev.cairn.store.nar.ChannelOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Standard output as the commands see it, remembering the first write that failed: a PrintStream
 * (System.out, and the writers picocli puts on it) keeps such failures to itself, so that a command
 * whose output was lost to a full disk would otherwise succeed.
 */
final class WatchedOutput extends OutputStream {
  private final OutputStream out;
  private IOException failure;

  WatchedOutput(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  private IOException failed(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }

  /**
   * The exit code of a command that returned {@code code}: a failed write makes it fail, said on
   * {@code err}, unless the reader just stopped reading, as a reader may ({@code | head}).
   */
  int verdict(int code, PrintStream err) {
    if (failure == null || ChannelOutput.isBrokenPipe(failure)) { // | head: no failure
      return code;
    }
    err.println(
        "error: cannot write to standard output: "
            + failure.getMessage()
            + "; what was printed is incomplete");
    return code == 0 ? ErrorHandler.FAILED : code;
  }
}
