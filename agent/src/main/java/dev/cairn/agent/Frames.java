package dev.cairn.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The agent protocol's framing. Each side first writes {@link #MAGIC}; then every frame is a 4-byte
 * big-endian length and that many bytes of a JSON object (the header). A header with {@code
 * "payload": true} is followed by a binary payload in chunks, each a 4-byte length and its bytes,
 * ended by a chunk of length 0 (or {@link #ABORTED} when the sender gave up half-way), so a payload
 * of any size streams through a fixed buffer.
 */
final class Frames {
  /** What each side writes first: a protocol name, so that stray output is recognised. */
  static final byte[] MAGIC = "CAIRN-AGENT\n".getBytes(StandardCharsets.US_ASCII);

  /**
   * The version of this protocol; both sides must speak the same. 2: path lists travel as one
   * string (see {@link Wire#pathList}), and queryMissing answers with a flag per path asked.
   */
  static final int PROTOCOL = 2;

  static final int MAX_HEADER = 16 << 20;
  static final int CHUNK = 256 << 10;
  static final int ABORTED = -1;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Frames() {}

  static void writeMagic(DataOutputStream out) throws IOException {
    out.write(MAGIC);
    out.flush();
  }

  /**
   * Reads the other side's magic.
   *
   * @throws ProtocolException quoting what came instead (a login banner, a shell's complaint)
   */
  static void readMagic(DataInputStream in) throws IOException {
    byte[] got = new byte[MAGIC.length];
    int n = 0;
    while (n < got.length) {
      int r = in.read(got, n, got.length - n);
      if (r < 0) {
        throw new EOFException(
            n == 0
                ? "the agent ended before saying hello"
                : "the agent ended after '" + printable(Arrays.copyOf(got, n)) + "'");
      }
      n += r;
    }
    if (!Arrays.equals(got, MAGIC)) {
      throw new ProtocolException(
          "the other side does not speak the Cairn agent protocol: it said '"
              + printable(got)
              + "…' (does a login script print to stdout, or is the remote command not"
              + " 'cairn agent --stdio'?)");
    }
  }

  static void write(DataOutputStream out, Map<String, Object> header) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(header);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Reads one header; null at a clean end of stream between frames. */
  static Map<String, Object> read(DataInputStream in) throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int length = (first << 24) | (in.readUnsignedByte() << 16) | in.readUnsignedShort();
    if (length < 2 || length > MAX_HEADER) {
      throw new ProtocolException(
          "a frame header of " + length + " bytes; the stream is out of step");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return JSON.readValue(bytes, MAP);
  }

  private static String printable(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(b >= 32 && b < 127 ? (char) b : '.');
    }
    return s.toString();
  }

  /** The stream is not (or no longer) the protocol. */
  static final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
      super(message);
    }
  }
}
