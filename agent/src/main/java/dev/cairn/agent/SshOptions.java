package dev.cairn.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A coordinator's ssh settings.
 *
 * @param user the user's own options ({@code CAIRN_SSH_OPTS}), placed first on every ssh command
 *     line so that they win
 * @param socketDir where the connections Cairn shares between commands keep their sockets; empty to
 *     connect anew for every command (see {@link SshTuning})
 */
public record SshOptions(List<String> user, Optional<Path> socketDir) {
  /** Copies the list. */
  public SshOptions {
    user = List.copyOf(user);
    Objects.requireNonNull(socketDir, "socketDir");
  }
}
