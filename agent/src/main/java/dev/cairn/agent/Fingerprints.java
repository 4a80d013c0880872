package dev.cairn.agent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 certificate fingerprints, written as keytool and openssl write them. */
final class Fingerprints {
  private Fingerprints() {}

  /** {@code AB:CD:…} of the certificate's DER encoding. */
  static String sha256(X509Certificate c) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate: " + e, e);
    }
  }

  /**
   * A fingerprint as a user may write it — with or without colons, any case, perhaps prefixed
   * {@code SHA256:} or {@code sha256/} — in the canonical form.
   *
   * @throws IllegalArgumentException quoting the text unless it is 32 bytes of hex
   */
  static String normalize(String text) {
    String hex =
        text.strip()
            .replaceFirst("(?i)^sha-?256[:/=]?", "")
            .replace(":", "")
            .replace(" ", "")
            .toUpperCase(Locale.ROOT);
    if (!hex.matches("[0-9A-F]{64}")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a SHA-256 fingerprint; expected 32 hex bytes such as AB:CD:… (the agent"
              + " prints its own when it starts)");
    }
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
  }
}
