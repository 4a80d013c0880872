package dev.cairn.cli;

import dev.cairn.agent.AgentOptions;
import dev.cairn.agent.HttpCredentials;
import dev.cairn.agent.HttpTarget;
import dev.cairn.agent.TargetException;
import dev.cairn.deploy.TargetEntry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reaches an {@code http} target: its URL from the address property ({@code https://host:port}, or
 * {@code host:port}); its credentials from files or variables the target's properties name — never
 * the secret itself, which belongs in no model; its certificate pinned by {@code certFingerprint}.
 *
 * <ul>
 *   <li>a token: the file in property {@code tokenFile}, else the variable named by {@code
 *       tokenEnv}, else {@code $CAIRN_HTTP_TOKEN};
 *   <li>or a user and password: property {@code httpUser}, the password from the file in {@code
 *       passwordFile}, the variable named by {@code passwordEnv}, or {@code $CAIRN_HTTP_PASSWORD}.
 * </ul>
 */
final class HttpTargets {
  private HttpTargets() {}

  static HttpTarget connect(TargetEntry t, String address, AgentOptions options)
      throws IOException {
    URI url;
    try {
      url = URI.create(address.contains("://") ? address : "https://" + address);
    } catch (IllegalArgumentException e) {
      throw new TargetException(t.name(), "'" + address + "' is not a URL: " + e.getMessage());
    }
    Optional<String> pin = Optional.ofNullable(t.properties().get("certFingerprint"));
    try {
      return HttpTarget.connect(t.name(), url, credentials(t, System.getenv()), pin, options);
    } catch (IllegalArgumentException e) {
      throw new TargetException(t.name(), e.getMessage());
    }
  }

  static HttpCredentials credentials(TargetEntry t, Map<String, String> env) throws IOException {
    Map<String, String> p = t.properties();
    String user = p.get("httpUser");
    if (user != null) {
      String password =
          secret(t, p.get("passwordFile"), p.get("passwordEnv"), "CAIRN_HTTP_PASSWORD", env);
      return HttpCredentials.basic(user, password);
    }
    return HttpCredentials.token(
        secret(t, p.get("tokenFile"), p.get("tokenEnv"), "CAIRN_HTTP_TOKEN", env));
  }

  /** {@code ~/x} as the user's home's x, as a shell would. */
  static Path expandHome(String file) {
    return file.startsWith("~/")
        ? Path.of(System.getProperty("user.home"), file.substring(2))
        : Path.of(file);
  }

  private static String secret(
      TargetEntry t, String file, String envName, String fallback, Map<String, String> env)
      throws IOException {
    if (file != null) {
      try {
        return Files.readString(expandHome(file)).strip();
      } catch (IOException e) {
        throw new TargetException(
            t.name(), "cannot read the secret file " + file + " its properties name: " + e);
      }
    }
    String name = envName != null ? envName : fallback;
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new TargetException(
          t.name(),
          "no credentials for its HTTPS agent: set $"
              + name
              + ", or name a file holding the token with the target property tokenFile (or"
              + " httpUser with passwordFile)");
    }
    return value.strip();
  }
}
