package dev.cairn.cli;

import dev.cairn.agent.AgentOptions;
import dev.cairn.agent.SshAddress;
import dev.cairn.agent.SshOptions;
import dev.cairn.agent.SshTarget;
import dev.cairn.store.Background;
import dev.cairn.store.LocalStore;
import dev.cairn.store.PathInfo;
import dev.cairn.store.StoreException;
import dev.cairn.store.StoreLayout;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

  CopyClosureCommand() {} // picocli's

  /**
   * The command {@code copy-closure --to TO PATHS…} with the default options, for Main to run
   * without picocli: its reflection over the command costs about a tenth of a second, and the
   * connection, which the copy waits for, only starts after it.
   */
  CopyClosureCommand(Main main, String to, List<String> paths) {
    super(main);
    this.to = to;
    this.paths = paths;
    this.transport = new TransportOptions();
  }

  /**
   * Starts connecting before the store is opened: the target's agent takes a few tenths of a second
   * to start, and the store's opening, the paths and their closure are read meanwhile.
   */
  @Override
  public Integer call() throws IOException {
    SshAddress address;
    try {
      address = SshAddress.parse(to);
    } catch (IllegalArgumentException e) {
      throw new StoreException("--to: " + e.getMessage());
    }
    StoreLayout layout = layout();
    AgentOptions options =
        new AgentOptions(
            Version.number(),
            layout.storeDir().path(),
            Duration.ofSeconds(transport.timeout),
            Duration.ofMinutes(5),
            !transport.noCompress && !Targets.loopback(address.host()));
    SshOptions ssh = Targets.ssh(layout);
    CompletableFuture<SshTarget> connecting =
        Background.start(
            () ->
                SshTarget.connect(to, address, Targets.remoteCommand(remoteCommand), ssh, options));
    SshTarget target = null;
    try (LocalStore store = LocalStore.open(layout)) {
      List<PathInfo> closure = store.requirePathInfos(store.closure(parseAll(store, paths)));
      target = Background.join(connecting);
      return copy(store, target, closure);
    } catch (IOException | RuntimeException e) {
      if (target == null) {
        abandon(connecting); // copy() closes the target it was given
      }
      throw e;
    }
  }

  /** Ends the session being opened, when something here fails first: that is the error to tell. */
  private static void abandon(CompletableFuture<SshTarget> connecting) {
    connecting.whenComplete((t, failed) -> closeQuietly(t));
  }

  @Override
  int run(LocalStore store) {
    throw new IllegalStateException("copy-closure opens its store in call()");
  }

  private int copy(LocalStore store, SshTarget target, List<PathInfo> closure) throws IOException {
    try (SshTarget t = target) {
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
