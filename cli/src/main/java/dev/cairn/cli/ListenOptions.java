package dev.cairn.cli;

import dev.cairn.agent.HttpCredentials;
import dev.cairn.agent.TlsIdentity;
import dev.cairn.store.StoreException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The HTTPS agent's options: where it listens, its certificate, and how coordinators authenticate.
 * There is no option to go without authentication.
 */
final class ListenOptions {
  @Option(
      names = "--cert",
      paramLabel = "PEM",
      description = "The certificate (chain) to present, PEM; with --key.")
  Path cert;

  @Option(names = "--key", paramLabel = "PEM", description = "Its private key, PKCS#8 PEM.")
  Path key;

  @Option(
      names = "--keystore",
      paramLabel = "P12",
      description =
          "A PKCS12 keystore instead of --cert/--key; its password in --keystore-password-file.")
  Path keystore;

  @Option(names = "--keystore-password-file", paramLabel = "FILE")
  Path keystorePassword;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "The token coordinators must present (default: $CAIRN_AGENT_TOKEN).")
  Path tokenFile;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "Authenticate by user and password (HTTP basic) instead of a token.")
  String user;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "The password of --user (default: $CAIRN_AGENT_PASSWORD).")
  Path passwordFile;

  @Option(
      names = "--handshake-timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "Bound on a client's TLS handshake and request head (default: ${DEFAULT-VALUE}).")
  long handshakeTimeout;

  Duration handshake() {
    return Duration.ofSeconds(Math.max(1, handshakeTimeout));
  }

  /** Parses {@code HOST:PORT} ({@code [v6]:PORT} too). */
  static InetSocketAddress address(String text) throws StoreException {
    int colon = text.lastIndexOf(':');
    try {
      String host = text.substring(0, colon).replaceAll("^\\[|\\]$", "");
      int port = Integer.parseInt(text.substring(colon + 1));
      if (host.isEmpty() || port < 0 || port > 65535) {
        throw new IllegalArgumentException();
      }
      return new InetSocketAddress(host, port);
    } catch (RuntimeException e) {
      throw new StoreException(
          "--listen '" + text + "' is not HOST:PORT, e.g. 0.0.0.0:8443 or 127.0.0.1:0");
    }
  }

  /** The credentials every request must carry; refuses to go without. */
  HttpCredentials credentials(Map<String, String> env) throws IOException {
    try {
      if (user != null) {
        return HttpCredentials.basic(user, secret(passwordFile, env.get("CAIRN_AGENT_PASSWORD")));
      }
      String token = secret(tokenFile, env.get("CAIRN_AGENT_TOKEN"));
      if (token != null) {
        return HttpCredentials.token(token);
      }
    } catch (IllegalArgumentException e) {
      throw new StoreException("the agent's credentials: " + e.getMessage());
    }
    throw new StoreException(
        "the HTTPS agent never runs without authentication: pass --token-file FILE (or set"
            + " CAIRN_AGENT_TOKEN), or --user NAME with --password-file FILE (or"
            + " CAIRN_AGENT_PASSWORD)");
  }

  private static String secret(Path file, String env) throws IOException {
    if (file != null) {
      try {
        return Files.readString(file).strip();
      } catch (IOException e) {
        throw new StoreException("cannot read the secret file " + file + ": " + e.getMessage());
      }
    }
    return env == null || env.isBlank() ? null : env.strip();
  }

  /** The certificate from the options, or the one generated (once) under {@code root}/agent. */
  TlsIdentity identity(Path root, String host) throws IOException {
    if (keystore != null) {
      if (keystorePassword == null) {
        throw new StoreException("--keystore needs --keystore-password-file");
      }
      return TlsIdentity.fromPkcs12(
          keystore, Files.readString(keystorePassword).strip().toCharArray());
    }
    if (cert != null || key != null) {
      if (cert == null || key == null) {
        throw new StoreException("--cert and --key go together: pass both, or neither");
      }
      return TlsIdentity.fromPem(cert, key);
    }
    return TlsIdentity.generatedIn(root.resolve("agent"), host, Duration.ofSeconds(120));
  }
}
