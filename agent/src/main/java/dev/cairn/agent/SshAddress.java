package dev.cairn.agent;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an ssh target is: {@code [user@]host[:port]}, a host being a name, an IPv4 address or an
 * IPv6 address in brackets.
 *
 * @param user the login name, if given
 * @param host the host
 * @param port the port, if given
 */
public record SshAddress(Optional<String> user, String host, Optional<Integer> port) {
  private static final Pattern FORM =
      Pattern.compile("(?:([^@\\s:]+)@)?(\\[[0-9A-Fa-f:.]+\\]|[^@\\s:\\[\\]]+)(?::(\\d{1,5}))?");

  /** Checks the parts. */
  public SshAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("an ssh address needs a host");
    }
    port.ifPresent(
        p -> {
          if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port " + p + " is out of range (1-65535)");
          }
        });
  }

  /**
   * Parses {@code [user@]host[:port]}.
   *
   * @throws IllegalArgumentException quoting the text if it is none
   */
  public static SshAddress parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an ssh address; expected [user@]host[:port]");
    }
    String host = m.group(2).replaceAll("^\\[|\\]$", "");
    return new SshAddress(
        Optional.ofNullable(m.group(1)),
        host,
        Optional.ofNullable(m.group(3)).map(Integer::valueOf));
  }

  /** Returns the destination argument of ssh: {@code [user@]host}. */
  public String destination() {
    return user.map(u -> u + "@").orElse("") + host;
  }
}
