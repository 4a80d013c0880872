package dev.cairn.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent protocol's framing. Each side first writes {@link #MAGIC}; then every frame is a 4-byte
 * big-endian length and that many bytes of a JSON object (the header). A header with {@code
 * "payload": true} is followed by a binary payload in chunks, each a 4-byte length and its bytes,
 * ended by a chunk of length 0 (or {@link #ABORTED} when the sender gave up half-way), so a payload
 * of any size streams through a fixed buffer; the receiver acknowledges what it has read, and the
 * sender keeps at most {@link #WINDOW} bytes ahead of it.
 */
final class Frames {
  /** What each side writes first: a protocol name, so that stray output is recognised. */
  static final byte[] MAGIC = "CAIRN-AGENT\n".getBytes(StandardCharsets.US_ASCII);

  /**
   * The version of this protocol; both sides must speak the same. 2: path lists travel as one
   * string (see {@link Wire#pathList}), and queryMissing answers with a flag per path asked. 3: the
   * receiver of a payload acknowledges what it has read (see {@link #WINDOW}).
   */
  static final int PROTOCOL = 3;

  static final int MAX_HEADER = 16 << 20;
  static final int CHUNK = 256 << 10;
  static final int ABORTED = -1;

  /**
   * How many payload bytes a sender may have sent that the receiver has not yet read. The receiver
   * acknowledges each chunk it has read with a frame {@code {"ack": ID, "bytes": N}} (N payload
   * bytes of request ID read so far), and the sender waits for room before each chunk.
   *
   * <p>Without it the sender fills every buffer on the way. sshd's, for one, grows by small steps,
   * each a fresh allocation, copy and page faults, to megabytes while a receiving agent starts: a
   * 5,000-path copy had sshd alone at a full core for 0.7 s while both ends waited for it.
   */
  static final int WINDOW = 4 * CHUNK;

  /**
   * Headers are plain JSON trees (maps, lists, strings, numbers, booleans, null), read and written
   * with Jackson's streaming API: its object mapper would cost each session's JVM some 50 ms to set
   * up, on every target of every deployment, for what a few lines do here.
   */
  private static final JsonFactory JSON = new JsonFactory();

  private Frames() {}

  static void writeMagic(DataOutputStream out) throws IOException {
    out.write(MAGIC);
    out.flush();
  }

  /**
   * Reads the agent's magic, on the coordinator's side.
   *
   * @throws ProtocolException quoting what came instead (a login banner, a shell's complaint)
   */
  static void readMagic(DataInputStream in) throws IOException {
    readMagic(
        in,
        "the agent",
        "does a login script print to stdout, or is the remote command not 'cairn agent"
            + " --stdio'?");
  }

  /** Reads the coordinator's magic, on the agent's side. */
  static void readCoordinatorMagic(DataInputStream in) throws IOException {
    readMagic(
        in,
        "the coordinator",
        "'cairn agent --stdio' speaks only to a Cairn coordinator, which starts it over ssh");
  }

  private static void readMagic(DataInputStream in, String other, String hint) throws IOException {
    byte[] got = new byte[MAGIC.length];
    int n = 0;
    while (n < got.length) {
      int r = in.read(got, n, got.length - n);
      if (r < 0) {
        throw new EOFException(
            n == 0
                ? other + " ended before saying hello"
                : other + " ended after '" + printable(Arrays.copyOf(got, n)) + "'");
      }
      n += r;
    }
    if (!Arrays.equals(got, MAGIC)) {
      throw new ProtocolException(
          "the other side does not speak the Cairn agent protocol: it said '"
              + printable(got)
              + "…' ("
              + hint
              + ")");
    }
  }

  static void write(DataOutputStream out, Map<String, Object> header) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      writeValue(g, header);
    }
    out.writeInt(bytes.size());
    bytes.writeTo(out);
  }

  private static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Collection<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else if (value instanceof CharSequence || value instanceof Enum<?>) {
      g.writeString(value.toString());
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      g.writeNumber(((Number) value).doubleValue());
    } else if (value instanceof BigInteger n) {
      g.writeNumber(n);
    } else if (value instanceof BigDecimal n) {
      g.writeNumber(n);
    } else {
      throw new IllegalArgumentException(
          "a frame header cannot hold a " + value.getClass().getName() + ": " + value);
    }
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
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new ProtocolException("a frame header that is not a JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> header = (Map<String, Object>) readValue(p, JsonToken.START_OBJECT);
      if (p.nextToken() != null) {
        throw new ProtocolException("a frame header with more after its JSON object");
      }
      return header;
    } catch (JsonProcessingException e) {
      throw new ProtocolException("a frame header that is not JSON: " + e.getOriginalMessage());
    }
  }

  /** The value that starts with {@code token}: a map or list in order, or a scalar. */
  private static Object readValue(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          map.put(name, readValue(p, p.nextToken()));
        }
        return map;
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          list.add(readValue(p, t));
        }
        return list;
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberValue(); // Integer, Long or BigInteger, whichever holds it
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new ProtocolException("a frame header with an unexpected " + token);
    }
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
