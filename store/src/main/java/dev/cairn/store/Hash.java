package dev.cairn.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A SHA-256 digest, printable in the forms Nix uses: base-16, Nix base-32 and SRI.
 *
 * <p>Cairn hashes everything with SHA-256, as Nix does for store paths and NAR hashes.
 */
public final class Hash {
  /** Bytes in a SHA-256 digest. */
  public static final int SIZE = 32;

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a SHA-256 hash has 32 bytes, not " + bytes.length);
    }
    this.bytes = bytes.clone();
  }

  /** Wraps 32 digest bytes. */
  public static Hash of(byte[] bytes) {
    return new Hash(bytes);
  }

  /** Hashes {@code data}. */
  public static Hash sha256(byte[] data) {
    return new Hash(newDigest().digest(data));
  }

  /** Returns a new SHA-256 message digest. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /**
   * Parses {@code sha256:<base32|base16>}, {@code sha256-<base64>} (SRI), or a bare base-32 or
   * base-16 digest.
   *
   * @throws IllegalArgumentException naming the text if it is no SHA-256 hash
   */
  public static Hash parse(String text) {
    try {
      if (text.startsWith("sha256-")) {
        return new Hash(Base64.getDecoder().decode(text.substring(7)));
      }
      String digest = text.startsWith("sha256:") ? text.substring(7) : text;
      if (digest.length() == 64) {
        return new Hash(HexFormat.of().parseHex(digest));
      }
      return new Hash(NixBase32.decode(digest, SIZE));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a SHA-256 hash (expected sha256:<base32>, base-16 or SRI)", e);
    }
  }

  /** Returns a copy of the digest bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Returns the digest in lower-case base-16. */
  public String toBase16() {
    return HexFormat.of().formatHex(bytes);
  }

  /** Returns the digest in Nix base-32. */
  public String toBase32() {
    return NixBase32.encode(bytes);
  }

  /** Returns {@code sha256:<base32>}, the form {@code nix-store -q --hash} prints. */
  public String toNixString() {
    return "sha256:" + toBase32();
  }

  /** Returns the SRI form {@code sha256-<base64>}. */
  public String toSri() {
    return "sha256-" + Base64.getEncoder().encodeToString(bytes);
  }

  /** XOR-folds the digest into {@code size} bytes, as Nix's {@code compressHash}. */
  public byte[] compress(int size) {
    byte[] out = new byte[size];
    for (int i = 0; i < bytes.length; i++) {
      out[i % size] ^= bytes[i];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash && Arrays.equals(bytes, ((Hash) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toNixString();
  }
}
