package dev.cairn.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The certificate and key an HTTPS agent presents: from PEM files, from a PKCS12 keystore, or made
 * on first start by the JDK's {@code keytool} (self-signed) and kept under the agent's root. Its
 * SHA-256 fingerprint is what coordinators pin with the target property {@code certFingerprint}.
 */
public final class TlsIdentity {
  private static final String ALIAS = "cairn-agent";

  private final KeyStore keyStore;
  private final char[] password;
  private final X509Certificate certificate;

  private TlsIdentity(KeyStore keyStore, char[] password) throws GeneralSecurityException {
    this.keyStore = keyStore;
    this.password = password.clone();
    String alias = keyAlias(keyStore);
    this.certificate = (X509Certificate) keyStore.getCertificate(alias);
  }

  /**
   * Reads a PKCS12 keystore holding one key entry.
   *
   * @throws IOException naming the file if it cannot be read or opened with {@code password}
   */
  public static TlsIdentity fromPkcs12(Path file, char[] password) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return new TlsIdentity(ks, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new IOException(
          "cannot open the keystore "
              + file
              + ": "
              + e.getMessage()
              + " (is it PKCS12, holding a key entry, and is the password right?)",
          e);
    }
  }

  /**
   * Reads a certificate chain and an unencrypted PKCS#8 private key, both PEM.
   *
   * @throws IOException naming the file that is unreadable or of the wrong form, and how to convert
   */
  public static TlsIdentity fromPem(Path certFile, Path keyFile) throws IOException {
    List<Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(certFile)) {
      Collection<? extends Certificate> read =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      chain.addAll(read);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the certificate " + certFile + ": " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException("no certificate in " + certFile + "; expected PEM (BEGIN CERTIFICATE)");
    }
    PrivateKey key = pemKey(keyFile);
    try {
      char[] password = randomPassword();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
      return new TlsIdentity(ks, password);
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "the key " + keyFile + " does not fit the certificate " + certFile + ": " + e, e);
    }
  }

  private static PrivateKey pemKey(Path keyFile) throws IOException {
    String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IOException(
          "the key "
              + keyFile
              + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with"
              + " 'openssl pkcs8 -topk8 -nocrypt -in "
              + keyFile
              + " -out key.pem'");
    }
    String body =
        pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27)
            .replaceFirst("-----END PRIVATE KEY-----(?s).*", "")
            .replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException tryNext) {
        // another algorithm, then
      }
    }
    throw new IOException("the key " + keyFile + " is neither RSA, EC nor Ed25519");
  }

  /**
   * The identity kept in {@code dir} ({@code tls.p12} and {@code tls.password}), made there with
   * {@code keytool} if absent: a self-signed EC certificate for {@code host}, valid ten years.
   *
   * @throws IOException if keytool fails or does not finish within {@code timeout}, with its output
   */
  public static TlsIdentity generatedIn(Path dir, String host, Duration timeout)
      throws IOException {
    Path store = dir.resolve("tls.p12");
    Path passwordFile = dir.resolve("tls.password");
    if (!Files.exists(store)) {
      Files.createDirectories(dir);
      Path tmpStore = dir.resolve("tls.p12.tmp");
      Path tmpPassword = dir.resolve("tls.password.tmp");
      Files.deleteIfExists(tmpStore);
      Files.deleteIfExists(tmpPassword);
      Files.createFile(
          tmpPassword,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmpPassword, new String(randomPassword()));
      keytool(tmpStore, tmpPassword, host, timeout);
      Files.move(tmpPassword, passwordFile, StandardCopyOption.ATOMIC_MOVE);
      Files.move(tmpStore, store, StandardCopyOption.ATOMIC_MOVE);
    }
    return fromPkcs12(store, Files.readString(passwordFile).strip().toCharArray());
  }

  private static void keytool(Path store, Path passwordFile, String host, Duration timeout)
      throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    String san = isAddress(host) ? "ip:" + host : "dns:" + host;
    List<String> cmd =
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            ALIAS,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-sigalg",
            "SHA256withECDSA",
            "-validity",
            "3650",
            "-dname",
            "CN=cairn agent " + host.replaceAll("[,=+<>#;\"\\\\]", "_"),
            "-ext",
            "SAN=" + san + ",dns:localhost,ip:127.0.0.1",
            "-storetype",
            "PKCS12",
            "-keystore",
            store.toString(),
            "-storepass:file",
            passwordFile.toString(),
            "-keypass:file",
            passwordFile.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(
            "keytool did not make a certificate within " + timeout.toSeconds() + " s");
      }
      String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        throw new IOException(
            "keytool could not make a certificate: "
                + said
                + "; pass one with --cert and --key (or --keystore)");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while keytool ran");
    }
  }

  private static boolean isAddress(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  private static char[] randomPassword() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
  }

  private static String keyAlias(KeyStore ks) throws GeneralSecurityException {
    for (String alias : java.util.Collections.list(ks.aliases())) {
      if (ks.isKeyEntry(alias)) {
        return alias;
      }
    }
    throw new java.security.KeyStoreException("the keystore holds no private key entry");
  }

  /** The certificate presented to clients. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate's SHA-256 fingerprint, as {@code AB:CD:…}, for {@code certFingerprint}. */
  public String fingerprint() {
    return Fingerprints.sha256(certificate);
  }

  /** A server TLS context presenting this identity. */
  SSLContext serverContext() throws IOException {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, password);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use the agent's certificate: " + e.getMessage(), e);
    }
  }
}
