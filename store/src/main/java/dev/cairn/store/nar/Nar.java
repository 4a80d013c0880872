package dev.cairn.store.nar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The wire form of NAR tokens: every string is a little-endian 64-bit length, the bytes, and zero
 * padding to a multiple of 8. Sequences that always appear together are pre-encoded so that the
 * serialiser copies one array per node.
 */
final class Nar {
  static final String MAGIC = "nix-archive-1";

  /** Longest file name a NAR may hold (Linux NAME_MAX). */
  static final int MAX_NAME = 255;

  /** Longest symlink target a NAR may hold (Linux PATH_MAX). */
  static final int MAX_TARGET = 4096;

  /** Longest keyword of the format; anything longer where a keyword belongs is garbage. */
  static final int MAX_TOKEN = 16;

  /** Size of the buffer files are streamed through. */
  static final int BUFFER_SIZE = 256 * 1024;

  static final byte[] MAGIC_WIRE = strings(MAGIC);
  static final byte[] REGULAR = strings("(", "type", "regular");
  static final byte[] EXECUTABLE = strings("executable", "");
  static final byte[] CONTENTS = strings("contents");
  static final byte[] DIRECTORY = strings("(", "type", "directory");
  static final byte[] SYMLINK = strings("(", "type", "symlink", "target");
  static final byte[] ENTRY = strings("entry", "(", "name");
  static final byte[] NODE = strings("node");
  static final byte[] CLOSE = strings(")");

  private Nar() {}

  /** Zero bytes that follow {@code length} bytes of a string or file. */
  static int padding(long length) {
    return (int) (-length & 7);
  }

  /** Writes {@code value} little-endian into {@code target} at {@code offset}. */
  static void putLong(byte[] target, int offset, long value) {
    for (int i = 0; i < 8; i++) {
      target[offset + i] = (byte) (value >>> (8 * i));
    }
  }

  /** Reads a little-endian long from {@code source} at {@code offset}. */
  static long getLong(byte[] source, int offset) {
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (source[offset + i] & 0xff);
    }
    return value;
  }

  /** Encodes {@code bytes} as one NAR string. */
  static byte[] string(byte[] bytes) {
    byte[] wire = new byte[8 + bytes.length + padding(bytes.length)];
    putLong(wire, 0, bytes.length);
    System.arraycopy(bytes, 0, wire, 8, bytes.length);
    return wire;
  }

  private static byte[] strings(String... tokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String token : tokens) {
      out.writeBytes(string(token.getBytes(StandardCharsets.US_ASCII)));
    }
    return out.toByteArray();
  }

  /** Renders untrusted bytes for a message: printable ASCII as is, the rest escaped, shortened. */
  static String printable(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    String decoded = new String(bytes, StandardCharsets.UTF_8);
    for (int i = 0; i < decoded.length() && text.length() < 80; i++) {
      char c = decoded.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        text.append(String.format("\\x%02x", (int) c));
      } else {
        text.append(c);
      }
    }
    return decoded.length() > 80 ? text + "..." : text.toString();
  }
}
