package dev.cairn.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What authenticates a coordinator to an HTTPS agent: a bearer token, or a user and password (HTTP
 * basic). The secret never leaves this class except as the {@code Authorization} header it makes;
 * {@link #toString()} names only the scheme, so that a logged or printed object leaks nothing.
 */
public final class HttpCredentials {
  private final String scheme;
  private final String header;

  private HttpCredentials(String scheme, String header) {
    this.scheme = scheme;
    this.header = header;
  }

  /**
   * A bearer token.
   *
   * @throws IllegalArgumentException if the token is empty or holds white space or control
   *     characters (a token file's trailing newline is stripped first)
   */
  public static HttpCredentials token(String token) {
    String t = token == null ? "" : token.strip();
    if (t.isEmpty() || !t.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new IllegalArgumentException(
          "a token must be one line of printable ASCII without spaces, and not empty");
    }
    return new HttpCredentials("Bearer", "Bearer " + t);
  }

  /**
   * A user and password (HTTP basic authentication).
   *
   * @throws IllegalArgumentException if the user is empty or holds ':', or the password is empty
   */
  public static HttpCredentials basic(String user, String password) {
    if (user == null || user.isEmpty() || user.contains(":")) {
      throw new IllegalArgumentException("a user name must be non-empty and without ':'");
    }
    String p = password == null ? "" : password.strip();
    if (p.isEmpty()) {
      throw new IllegalArgumentException("the password of user '" + user + "' is empty");
    }
    byte[] pair = (user + ":" + p).getBytes(StandardCharsets.UTF_8);
    return new HttpCredentials("Basic", "Basic " + Base64.getEncoder().encodeToString(pair));
  }

  /** The value of the {@code Authorization} header a client sends. */
  String authorization() {
    return header;
  }

  /**
   * Whether {@code presented} (an {@code Authorization} header, or null) carries these credentials.
   * Compares digests in constant time, so neither the length nor a matching prefix shows in the
   * time taken.
   */
  boolean accepts(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(header), sha256(presented.strip()));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The scheme only: never the secret. */
  @Override
  public String toString() {
    return scheme + " credentials";
  }
}
