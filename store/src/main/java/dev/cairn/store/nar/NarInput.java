package dev.cairn.store.nar;

import dev.cairn.store.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Reads NAR and export primitives from a stream, asking it for exactly the bytes each item needs:
 * it never reads ahead, so the caller can go on reading after a NAR or export stream. (Pass a
 * {@link java.io.BufferedInputStream} for speed; buffering is the caller's choice because only the
 * caller knows whether over-reading is safe.)
 *
 * <p>It counts the bytes consumed for messages, hashes the bytes of the NAR being read, and knows
 * the archive entry being parsed so that every error names it.
 */
final class NarInput {
  private final InputStream in;
  private final byte[] scratch = new byte[8 + Nar.MAX_TARGET + 8];
  private long position;
  private String entry = "";
  private MessageDigest digest;
  private long narStart;

  NarInput(InputStream in) {
    this.in = in;
  }

  /** Starts hashing: the bytes read from now on form a NAR. */
  void startNar() {
    digest = Hash.newDigest();
    narStart = position;
  }

  /** Stops hashing and returns the hash and size of the NAR bytes read since {@link #startNar}. */
  NarSummary endNar() {
    NarSummary summary = new NarSummary(Hash.of(digest.digest()), position - narStart);
    digest = null;
    entry = "";
    return summary;
  }

  /** Names the archive entry (such as {@code /bin/sh}; empty for the top) that errors refer to. */
  void entry(String path) {
    entry = path;
  }

  String entry() {
    return entry;
  }

  /** Builds the exception for a problem found at the current position. */
  NarFormatException fail(String problem) {
    String where =
        digest == null
            ? "bad stream at byte " + position
            : "bad NAR entry '" + (entry.isEmpty() ? "/" : entry) + "' at byte " + position;
    return new NarFormatException(
        where + ": " + problem + "; the archive is corrupt or was tampered with, do not use it");
  }

  /** Reads a 64-bit little-endian number. */
  long readLong(String what) throws IOException {
    return readLong(what, "");
  }

  /** Reads a 64-bit little-endian number, {@code what + after} in messages. */
  private long readLong(String what, String after) throws IOException {
    readFully(scratch, 0, 8, "", what, after);
    return Nar.getLong(scratch, 0);
  }

  /**
   * Reads a string of at most {@code max} bytes and its zero padding.
   *
   * @param what what the string is, for messages ("file name")
   */
  byte[] readString(int max, String what) throws IOException {
    long length = readLong(what, " length");
    if (length < 0 || length > max) {
      throw fail(
          what
              + " of "
              + Long.toUnsignedString(length)
              + " bytes is longer than "
              + max
              + " bytes");
    }
    int n = (int) length;
    readFully(scratch, 0, n, what);
    byte[] value = Arrays.copyOf(scratch, n);
    readPadding(n, what);
    return value;
  }

  /** Reads and checks the zero padding after {@code length} bytes. */
  void readPadding(long length, String what) throws IOException {
    int padding = Nar.padding(length);
    readFully(scratch, 0, padding, "padding after ", what, "");
    for (int i = 0; i < padding; i++) {
      if (scratch[i] != 0) {
        throw fail("non-zero padding after " + what);
      }
    }
  }

  /** Reads exactly {@code length} bytes into {@code target}. */
  void readFully(byte[] target, int offset, int length, String what) throws IOException {
    readFully(target, offset, length, "", what, "");
  }

  /**
   * Reads exactly {@code length} bytes into {@code target}; {@code before + what + after} names
   * them in a message. The three are joined only then: each token of an archive is read this way,
   * and joining them for every one made a copy of 5,000 paths allocate some 10 MB of labels.
   */
  private void readFully(
      byte[] target, int offset, int length, String before, String what, String after)
      throws IOException {
    int read = in.readNBytes(target, offset, length);
    if (digest != null) {
      digest.update(target, offset, read);
    }
    position += read;
    if (read < length) {
      throw fail("the stream ends in the middle of " + before + what + after);
    }
  }
}
