package dev.cairn.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command that should answer quickly (an {@code ssh -G}, a question over ssh), run with no input,
 * its errors discarded and its output kept in a file, so that one that never ends costs the timeout
 * and leaves no thread blocked reading a pipe.
 */
final class ShortCommand {
  /** Output beyond this is not read. */
  private static final int MAX_OUTPUT = 64 * 1024;

  private ShortCommand() {}

  /**
   * Runs {@code cmd} and returns what it printed.
   *
   * @param what names what is asked, for messages
   * @throws IOException if it cannot start, does not end within {@code timeoutSeconds}, or exits
   *     with a status other than 0
   */
  static String output(List<String> cmd, long timeoutSeconds, String what) throws IOException {
    Path out = Files.createTempFile("cairn-command", ".txt");
    Process p = null;
    try {
      p =
          new ProcessBuilder(cmd)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IOException("no answer from " + what);
      }
      if (p.exitValue() != 0) {
        throw new IOException("unexpected answer from " + what);
      }
      try (InputStream in = Files.newInputStream(out)) {
        return new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while asking " + what);
    } finally {
      if (p != null) {
        p.destroyForcibly();
      }
      Files.deleteIfExists(out);
    }
  }
}
