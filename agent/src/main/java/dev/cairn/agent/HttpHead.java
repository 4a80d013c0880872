package dev.cairn.agent;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP/1.1 exchange that opens an HTTPS agent session, as a WebSocket opens: the coordinator
 * sends {@code POST /cairn/agent} with {@code Connection: Upgrade}, {@code Upgrade: cairn-agent}
 * and its credentials; the agent answers {@code 101 Switching Protocols} and from then on both
 * speak the framed agent protocol on the same TLS connection — or it answers 401, 404 or 400 and
 * closes. The head is read a byte at a time so that nothing of the session after it is consumed.
 *
 * @param startLine the request or status line
 * @param headers the header fields, by lower-case name
 */
record HttpHead(String startLine, Map<String, String> headers) {
  static final String PATH = "/cairn/agent";
  static final String UPGRADE = "cairn-agent";
  private static final int MAX = 16 << 10;

  HttpHead {
    headers = Map.copyOf(headers);
  }

  /** The header {@code name} (any case), or null. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Reads a head up to its empty line.
   *
   * @throws IOException if the stream ends first or the head exceeds 16 KiB
   */
  static HttpHead read(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the connection ended inside the HTTP head");
      }
      if (++total > MAX) {
        throw new IOException("an HTTP head of more than " + MAX + " bytes");
      }
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1).replaceFirst("\r$", "");
        if (s.isEmpty()) {
          break;
        }
        lines.add(s);
        line.reset();
      } else {
        line.write(b);
      }
    }
    if (lines.isEmpty()) {
      throw new IOException("an empty HTTP head");
    }
    Map<String, String> headers = new TreeMap<>();
    for (String h : lines.subList(1, lines.size())) {
      int colon = h.indexOf(':');
      if (colon > 0) {
        headers.put(
            h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
      }
    }
    return new HttpHead(lines.get(0), headers);
  }

  /** The status code of a response's status line, or -1. */
  int status() {
    String[] parts = startLine.split(" ", 3);
    try {
      return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Writes a head (start line, fields, empty line) and flushes. */
  static void write(OutputStream out, String startLine, Map<String, String> fields)
      throws IOException {
    StringBuilder s = new StringBuilder(startLine).append("\r\n");
    fields.forEach((k, v) -> s.append(k).append(": ").append(v).append("\r\n"));
    s.append("\r\n");
    out.write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }
}
