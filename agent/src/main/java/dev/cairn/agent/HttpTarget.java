package dev.cairn.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A target reached through an HTTPS agent ({@code cairn agent --listen}): one TLS connection per
 * deployment, opened by an HTTP upgrade that carries the credentials, then the framed protocol of
 * every agent session. With a pinned fingerprint only the certificate having it is accepted (a
 * self-signed one, typically); without, the JDK's trusted authorities and the host name decide.
 */
public final class HttpTarget extends AgentTarget {
  private final SSLSocket socket;

  private HttpTarget(String name, AgentOptions options, SSLSocket socket) {
    super(name, options);
    this.socket = socket;
  }

  /**
   * Connects to the agent at {@code url} ({@code https://host[:port]}) and says hello.
   *
   * @param fingerprint the SHA-256 fingerprint the agent's certificate must have, if pinned
   * @throws TargetException naming the target and the URL: unreachable, a certificate that does not
   *     match the pin, refused credentials, or no Cairn agent there
   */
  public static HttpTarget connect(
      String name,
      URI url,
      HttpCredentials credentials,
      Optional<String> fingerprint,
      AgentOptions options)
      throws IOException {
    checkUrl(name, url);
    Optional<String> pin = fingerprint.map(Fingerprints::normalize);
    Pinning trust = new Pinning(pin);
    int port = url.getPort() < 0 ? 443 : url.getPort();
    int millis = (int) Math.max(1, options.timeout().toMillis());
    SSLSocket s = (SSLSocket) context(trust).getSocketFactory().createSocket();
    try {
      if (pin.isEmpty()) {
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
      }
      s.connect(new InetSocketAddress(url.getHost(), port), millis);
      s.setSoTimeout(millis);
      s.startHandshake();
      upgrade(name, url, s, credentials);
      s.setSoTimeout(0);
    } catch (SSLHandshakeException e) {
      s.close();
      throw new TargetException(name, "the TLS handshake with " + url + " failed: " + trust.why(e));
    } catch (TargetException e) {
      s.close();
      throw e;
    } catch (IOException e) {
      s.close();
      throw new TargetException(
          name,
          "cannot reach the agent at "
              + url
              + ": "
              + e.getMessage()
              + " (does 'cairn agent --listen' run there, and is the port open?)");
    }
    HttpTarget t = new HttpTarget(name, options, s);
    try {
      t.open(
          new AgentSession(
              name, s.getInputStream(), s.getOutputStream(), t::closeQuietly, () -> ""));
    } catch (IOException e) {
      t.closeTransport();
      throw e;
    }
    return t;
  }

  private static void checkUrl(String name, URI url) throws TargetException {
    if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
      throw new TargetException(
          name,
          "'" + url + "' is not an https URL such as https://host:8443; the agent speaks only TLS");
    }
  }

  private static SSLContext context(Pinning trust) throws IOException {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trust}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** Sends the upgrade request; returns when the agent switched protocols. */
  private static void upgrade(String name, URI url, SSLSocket s, HttpCredentials credentials)
      throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Host", url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()));
    fields.put("Authorization", credentials.authorization());
    fields.put("Connection", "Upgrade");
    fields.put("Upgrade", HttpHead.UPGRADE);
    fields.put("Content-Length", "0");
    HttpHead.write(s.getOutputStream(), "POST " + HttpHead.PATH + " HTTP/1.1", fields);
    HttpHead answer = HttpHead.read(s.getInputStream());
    int status = answer.status();
    if (status == 101 && HttpHead.UPGRADE.equals(answer.header("Upgrade"))) {
      return;
    }
    String body = body(s.getInputStream(), answer);
    throw new TargetException(
        name,
        switch (status) {
          case 401 ->
              "the agent at "
                  + url
                  + " refused the credentials (HTTP 401); check the token (the file named by the"
                  + " target property tokenFile, the variable named by tokenEnv, or"
                  + " CAIRN_HTTP_TOKEN) against the agent's --token-file";
          case 404 ->
              "no Cairn agent at " + url + " (HTTP 404: " + body + "); is the URL the agent's?";
          default -> "the agent at " + url + " answered '" + answer.startLine() + "': " + body;
        });
  }

  private static String body(InputStream in, HttpHead head) {
    try {
      int length = Integer.parseInt(head.header("Content-Length"));
      byte[] b = in.readNBytes(Math.min(length, 4096));
      return new String(b, StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private void closeQuietly() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing to abort; nothing more to do
    }
  }

  @Override
  void closeTransport() {
    closeQuietly();
  }

  /**
   * Trusts the certificate with the pinned fingerprint, or else what the JDK trusts; remembers what
   * it saw, to say why a handshake failed.
   */
  private static final class Pinning implements X509TrustManager {
    private final Optional<String> pin;
    private final X509TrustManager system;
    private volatile String seen;

    Pinning(Optional<String> pin) throws IOException {
      this.pin = pin;
      this.system = systemTrust();
    }

    private static X509TrustManager systemTrust() throws IOException {
      try {
        javax.net.ssl.TrustManagerFactory f =
            javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        f.init((java.security.KeyStore) null);
        for (TrustManager m : f.getTrustManagers()) {
          if (m instanceof X509TrustManager x) {
            return x;
          }
        }
        throw new IOException("the JDK has no X.509 trust manager");
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot load the JDK's trusted certificates: " + e, e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      seen = Fingerprints.sha256(chain[0]);
      if (pin.isEmpty()) {
        system.checkServerTrusted(chain, authType);
      } else if (!pin.get().equals(seen)) {
        throw new CertificateException("certificate fingerprint mismatch");
      }
    }

    String why(SSLHandshakeException e) {
      if (pin.isPresent() && seen != null && !pin.get().equals(seen)) {
        return "its certificate's SHA-256 fingerprint is "
            + seen
            + " but the target property certFingerprint pins "
            + pin.get()
            + "; if the agent's certificate was replaced on purpose, put the new fingerprint in"
            + " certFingerprint";
      }
      if (pin.isEmpty() && seen != null) {
        return e.getMessage()
            + " (a self-signed agent certificate needs pinning: set the target property"
            + " certFingerprint to "
            + seen
            + " after checking it against what the agent printed)";
      }
      return e.getMessage();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return pin.isPresent() ? new X509Certificate[0] : system.getAcceptedIssuers();
    }
  }
}
