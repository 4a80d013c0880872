package dev.cairn.store.nar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes NAR and export tokens by hand, to build archives, valid or hostile, for tests. */
final class NarTokens {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Strings, UTF-8, each with its length and zero padding. */
  NarTokens str(String... strings) {
    for (String s : strings) {
      bytes(s.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  /** One string of raw bytes. */
  NarTokens bytes(byte[] bytes) {
    out.writeBytes(Nar.string(bytes));
    return this;
  }

  NarTokens num(long value) {
    byte[] bytes = new byte[8];
    Nar.putLong(bytes, 0, value);
    out.writeBytes(bytes);
    return this;
  }

  NarTokens raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** The magic and the opening of a top-level directory. */
  static NarTokens directory() {
    return new NarTokens().str(Nar.MAGIC, "(", "type", "directory");
  }

  /** A directory entry holding an empty regular file. */
  NarTokens emptyFile(String name) {
    return entry(name).str("(", "type", "regular", "contents").num(0).str(")", ")");
  }

  /** Opens a directory entry up to its node. */
  NarTokens entry(String name) {
    return str("entry", "(", "name", name, "node");
  }

  NarTokens close() {
    return str(")");
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
