package dev.cairn.cli;

import dev.cairn.agent.AgentOptions;
import dev.cairn.agent.SshAddress;
import dev.cairn.agent.SshTarget;
import dev.cairn.store.LocalStore;
import dev.cairn.store.PathInfo;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn copy-closure}: nix-copy-closure's and disnix-copy-closure's counterpart. */
@Command(
    name = "copy-closure",
    mixinStandardHelpOptions = true,
    description =
        "Copy store paths and everything they refer to onto a machine over ssh, sending only"
            + " the paths missing there; each is checked (NAR hash) before it is registered.")
final class CopyClosureCommand extends StoreTask {
  @Option(
      names = "--to",
      required = true,
      paramLabel = "[USER@]HOST[:PORT]",
      description = "The machine, reached with ssh ($CAIRN_SSH_OPTS adds options).")
  String to;

  @Option(
      names = "--remote-command",
      paramLabel = "CMD",
      description = "The command running Cairn there (default: $CAIRN_REMOTE_COMMAND or cairn).")
  String remoteCommand;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Store paths to copy.",
      parameterConsumer = PathArgs.class)
  List<String> paths = new ArrayList<>();

  @Mixin TransportOptions transport;

  @Override
  int run(LocalStore store) throws IOException {
    SshAddress address;
    try {
      address = SshAddress.parse(to);
    } catch (IllegalArgumentException e) {
      throw new StoreException("--to: " + e.getMessage());
    }
    List<StorePath> roots = parseAll(store, paths);
    AgentOptions options =
        new AgentOptions(
            Version.number(),
            store.storeDir().path(),
            Duration.ofSeconds(transport.timeout),
            Duration.ofMinutes(5),
            !transport.noCompress && !Targets.loopback(address.host()));
    // The target's agent takes a few tenths of a second to start; the closure and what the
    // store knows of it are read meanwhile.
    CompletableFuture<SshTarget> connecting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return SshTarget.connect(
                    to, address, Targets.remoteCommand(remoteCommand), Targets.ssh(store), options);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    List<PathInfo> closure;
    try {
      closure = store.requirePathInfos(store.closure(roots));
    } catch (IOException | RuntimeException e) {
      connecting.whenComplete((t, failed) -> closeQuietly(t));
      throw e;
    }
    try (SshTarget t = connected(connecting)) {
      Set<StorePath> missing = t.queryMissing(closure.stream().map(PathInfo::path).toList());
      List<PathInfo> send = closure.stream().filter(i -> missing.contains(i.path())).toList();
      long bytes = t.importInOrder(store, send, n -> {});
      out()
          .printf(
              "copied %d of %d paths to %s (%s on the wire)%n",
              send.size(), closure.size(), to, Sizes.format(bytes));
      out().flush();
    }
    return 0;
  }

  /** The connected target, or what stopped it connecting. */
  private static SshTarget connected(CompletableFuture<SshTarget> connecting) throws IOException {
    try {
      return connecting.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static void closeQuietly(SshTarget t) {
    if (t != null) {
      try {
        t.close();
      } catch (IOException ignored) {
        // the command fails for another reason, which is the one to tell
      }
    }
  }
}
