package dev.cairn.store;

import java.util.Arrays;

/**
 * Nix's base-32 encoding: a 32-letter alphabet without {@code e o u t}, written from the most
 * significant five-bit group down, so that hashes printed by Cairn and by Nix are identical.
 */
public final class NixBase32 {
  /** The alphabet, in digit order. */
  public static final String ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";

  private static final byte[] DIGITS = new byte[128];

  static {
    Arrays.fill(DIGITS, (byte) -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      DIGITS[ALPHABET.charAt(i)] = (byte) i;
    }
  }

  private NixBase32() {}

  /** Returns the length of the encoding of {@code byteCount} bytes. */
  public static int encodedLength(int byteCount) {
    return byteCount == 0 ? 0 : (byteCount * 8 - 1) / 5 + 1;
  }

  /** Encodes {@code bytes}. */
  public static String encode(byte[] bytes) {
    int length = encodedLength(bytes.length);
    char[] out = new char[length];
    for (int n = length - 1; n >= 0; n--) {
      int bit = n * 5;
      int i = bit / 8;
      int j = bit % 8;
      int low = (bytes[i] & 0xff) >>> j;
      int high = i >= bytes.length - 1 ? 0 : (bytes[i + 1] & 0xff) << (8 - j);
      out[length - 1 - n] = ALPHABET.charAt((low | high) & 0x1f);
    }
    return new String(out);
  }

  /** Returns whether {@code c} is a letter of the alphabet. */
  public static boolean isDigit(int c) {
    return c >= 0 && c < 128 && DIGITS[c] >= 0;
  }

  /**
   * Decodes {@code text} into {@code byteCount} bytes.
   *
   * @throws IllegalArgumentException if {@code text} has the wrong length, a letter outside the
   *     alphabet, or bits beyond {@code byteCount} bytes
   */
  public static byte[] decode(String text, int byteCount) {
    if (text.length() != encodedLength(byteCount)) {
      throw new IllegalArgumentException(
          "base-32 hash '" + text + "' should have " + encodedLength(byteCount) + " characters");
    }
    byte[] bytes = new byte[byteCount];
    for (int n = 0; n < text.length(); n++) {
      char c = text.charAt(text.length() - n - 1);
      if (!isDigit(c)) {
        throw new IllegalArgumentException(
            "'" + c + "' in base-32 hash '" + text + "' is not a Nix base-32 digit");
      }
      int digit = DIGITS[c];
      int bit = n * 5;
      int i = bit / 8;
      int j = bit % 8;
      bytes[i] |= (byte) (digit << j);
      int carry = digit >>> (8 - j);
      if (i < byteCount - 1) {
        bytes[i + 1] |= (byte) carry;
      } else if (carry != 0) {
        throw new IllegalArgumentException("base-32 hash '" + text + "' has excess bits");
      }
    }
    return bytes;
  }
}
