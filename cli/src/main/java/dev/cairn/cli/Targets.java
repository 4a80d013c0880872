package dev.cairn.cli;

import dev.cairn.activation.Activator;
import dev.cairn.agent.AgentOptions;
import dev.cairn.agent.LocalTarget;
import dev.cairn.agent.SshAddress;
import dev.cairn.agent.SshOptions;
import dev.cairn.agent.SshTarget;
import dev.cairn.agent.TargetClient;
import dev.cairn.agent.TargetException;
import dev.cairn.deploy.TargetConnector;
import dev.cairn.deploy.TargetEntry;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StoreException;
import dev.cairn.store.StoreLayout;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the transport of each target by its client interface: {@code local} in-process, {@code
 * ssh} through the system's OpenSSH client running {@code cairn agent --stdio} on the target,
 * {@code http} to an HTTPS agent ({@code cairn agent --listen}).
 */
final class Targets {
  private Targets() {}

  static TargetConnector connector(
      LocalStore store, Duration activityTimeout, TransportOptions transport) {
    Activator activator = Activator.fromEnvironment(System.getenv());
    AgentOptions agent =
        new AgentOptions(
            Version.number(),
            store.storeDir().path(),
            Duration.ofSeconds(transport.timeout),
            activityTimeout,
            !transport.noCompress);
    SshOptions ssh = ssh(store);
    return new TargetConnector() {
      @Override
      public TargetClient connect(TargetEntry t) throws IOException {
        return switch (t.clientInterface()) {
          case "local" -> new LocalTarget(t.name(), store, activator, activityTimeout);
          case "ssh" -> {
            SshAddress a = address(t, transport);
            yield SshTarget.connect(
                t.name(), a, remoteCommand(t), ssh, compression(t, a.host(), agent));
          }
          case "http" ->
              HttpTargets.connect(
                  t, addressValue(t, transport, "its agent's URL"), compression(t, "", agent));
          default ->
              throw new StoreException(
                  "target '"
                      + t.name()
                      + "' uses clientInterface '"
                      + t.clientInterface()
                      + "', which Cairn cannot reach; use local, ssh or http");
        };
      }

      @Override
      public boolean profileIs(TargetEntry t, String profile, StorePath expected) {
        try {
          return switch (t.clientInterface()) {
            case "local" ->
                new LocalTarget(t.name(), store, activator, activityTimeout)
                    .queryProfile(profile)
                    .equals(Optional.of(expected));
            case "ssh" ->
                SshTarget.queryProfile(
                        address(t, transport),
                        remoteCommand(t),
                        ssh,
                        agent,
                        LocalTarget.profileName(t.name(), profile))
                    .equals(Optional.of(expected.baseName()));
            // An HTTPS agent runs already: a session costs little, so it answers there.
            default -> false;
          };
        } catch (IOException | RuntimeException e) {
          return false;
        }
      }
    };
  }

  /**
   * Whether closures travel compressed to {@code t}: its property {@code compress} (true/false)
   * decides; else --no-compress; else not to loopback addresses, where gzip only costs time (5,000
   * paths, 500 MiB: 22 s compressed against 14 s plain), and compressed elsewhere.
   */
  static AgentOptions compression(TargetEntry t, String host, AgentOptions agent) {
    String own = t.properties().get("compress");
    boolean compress =
        own != null ? Boolean.parseBoolean(own.strip()) : agent.compress() && !loopback(host);
    return new AgentOptions(
        agent.cairnVersion(), agent.storeDir(), agent.timeout(), agent.activityTimeout(), compress);
  }

  /** Whether {@code host} is this machine's loopback, where gzip only costs time. */
  static boolean loopback(String host) {
    return host.matches("localhost|127(\\.\\d{1,3}){3}|::1");
  }

  /** The value of the target's address property, which must be there. */
  static String addressValue(TargetEntry t, TransportOptions transport, String what)
      throws TargetException {
    String property =
        t.targetProperty() != null ? t.targetProperty() : transport.defaultTargetProperty();
    String value = t.properties().get(property);
    if (value == null) {
      throw new TargetException(
          t.name(),
          "it has no property '"
              + property
              + "' to take "
              + what
              + " from; add it to the infrastructure model, or name another with"
              + " targetProperty (or --target-property)");
    }
    return value;
  }

  private static SshAddress address(TargetEntry t, TransportOptions transport)
      throws TargetException {
    String property =
        t.targetProperty() != null ? t.targetProperty() : transport.defaultTargetProperty();
    String value = addressValue(t, transport, "its ssh address");
    try {
      return SshAddress.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TargetException(t.name(), "property '" + property + "': " + e.getMessage());
    }
  }

  /** The property cairnCommand, else $CAIRN_REMOTE_COMMAND, else cairn on the remote PATH. */
  static String remoteCommand(TargetEntry t) {
    return remoteCommand(t.properties().get("cairnCommand"));
  }

  /** {@code own} if given, else $CAIRN_REMOTE_COMMAND, else cairn on the remote PATH. */
  static String remoteCommand(String own) {
    return Defaults.chosen(
        own == null || own.isBlank() ? null : own, "CAIRN_REMOTE_COMMAND", "cairn");
  }

  /**
   * The coordinator's ssh settings: $CAIRN_SSH_OPTS, and connections shared through sockets in the
   * root's {@code ssh} directory.
   */
  static SshOptions ssh(LocalStore store) {
    return ssh(store.layout());
  }

  /** As {@link #ssh(LocalStore)}, for a store not open yet. */
  static SshOptions ssh(StoreLayout layout) {
    return new SshOptions(sshOptions(), Optional.of(layout.root().toAbsolutePath().resolve("ssh")));
  }

  /** $CAIRN_SSH_OPTS, split at white space, as Disnix splits SSH_OPTS. */
  static List<String> sshOptions() {
    String env = System.getenv("CAIRN_SSH_OPTS");
    return env == null || env.isBlank()
        ? List.of()
        : Arrays.stream(env.strip().split("\\s+")).toList();
  }
}
