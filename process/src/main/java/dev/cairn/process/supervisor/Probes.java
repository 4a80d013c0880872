package dev.cairn.process.supervisor;

import dev.cairn.process.ProcessSpec.Readiness;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Readiness probes; each attempt is bounded by a short timeout. */
public final class Probes {
  private static final int ATTEMPT_MILLIS = 1000;

  private Probes() {}

  /**
   * Probes until {@code r} passes or its timeout ends (for managers other than the embedded one).
   *
   * @return whether it passed
   */
  public static boolean await(Readiness r, Path log) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(r.timeoutMillis());
    while (System.nanoTime() < deadline) {
      if (check(r, log, 0)) {
        return true;
      }
      Thread.sleep(r.periodMillis());
    }
    return false;
  }

  /** Whether the probe passes now; {@code logFrom} is where the process's log started. */
  static boolean check(Readiness r, Path log, long logFrom) {
    try {
      return switch (r.kind()) {
        case TCP -> tcp(r.target());
        case HTTP -> http(r.target());
        case EXEC -> exec(r.target());
        case LOG_LINE -> logLine(Pattern.compile(r.target()), log, logFrom);
      };
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean tcp(String target) throws IOException {
    int colon = target.lastIndexOf(':');
    InetSocketAddress address =
        new InetSocketAddress(
            target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    try (Socket s = new Socket()) {
      return tcp(s, address);
    }
  }

  /**
   * Whether {@code s} reaches a listener at {@code address}. A connection the socket made with
   * itself does not count: when nothing listens on a local port of the kernel's ephemeral range,
   * {@code connect} may pick that very port as its source, and TCP's simultaneous open then joins
   * the socket to itself. Counted, the probe would pass before the process listens, and a proxy in
   * front of it would answer 502.
   */
  static boolean tcp(Socket s, InetSocketAddress address) throws IOException {
    s.connect(address, ATTEMPT_MILLIS);
    return s.getLocalPort() != s.getPort() || !s.getLocalAddress().equals(s.getInetAddress());
  }

  private static boolean http(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout(ATTEMPT_MILLIS);
    c.setReadTimeout(ATTEMPT_MILLIS);
    try {
      int code = c.getResponseCode();
      return code >= 200 && code < 400;
    } finally {
      c.disconnect();
    }
  }

  private static boolean exec(String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("/bin/sh", "-c", command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }

  private static boolean logLine(Pattern pattern, Path log, long from) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long start = from <= f.length() ? from : 0; // rotated meanwhile: read it all
      f.seek(start);
      byte[] bytes = new byte[(int) Math.min(f.length() - start, 8 << 20)];
      f.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8)
          .lines()
          .anyMatch(line -> pattern.matcher(line).find());
    }
  }
}
