package dev.cairn.cli;

import dev.cairn.activation.Activator;
import dev.cairn.agent.AgentServer;
import dev.cairn.agent.HttpCredentials;
import dev.cairn.agent.HttpsListener;
import dev.cairn.agent.TlsIdentity;
import dev.cairn.store.Background;
import dev.cairn.store.LocalStore;
import dev.cairn.store.Profiles;
import dev.cairn.store.StoreDir;
import dev.cairn.store.StoreLayout;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cairn agent}: the target side of deployments. With {@code --stdio}, one session over ssh:
 * standard output is the protocol channel, so everything else goes to standard error. With {@code
 * --listen}, the HTTPS agent: sessions over TLS, authenticated before any work.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Serve coordinators: the target operations (copy closures, set profiles, lock, activate,"
          + " deactivate, collect garbage, capture the configuration) of this machine's store"
          + " under --root or $CAIRN_ROOT.",
      "--stdio is what the coordinator runs over ssh ('ssh HOST -- cairn agent --stdio');"
          + " --listen HOST:PORT serves HTTPS (clientInterface http), with a certificate from"
          + " --cert/--key or --keystore, else one generated under <root>/agent whose"
          + " fingerprint is printed for the targets' certFingerprint property."
    })
final class AgentCommand extends StoreTask {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  /** How coordinators reach this agent. */
  static final class Mode {
    @Option(
        names = "--stdio",
        description = "Speak the protocol on standard input and output (the ssh transport).")
    boolean stdio;

    @Option(
        names = "--listen",
        paramLabel = "HOST:PORT",
        description = "Serve HTTPS on this address (port 0 picks a free one).")
    String listen;

    @Option(
        names = "--query-profile",
        paramLabel = "NAME",
        description =
            "Print the base name of the store path profile NAME points at (nothing if it has"
                + " none), touching nothing: the check a coordinator makes before a redeploy"
                + " that changes nothing. The cairn launcher answers it without a JVM.")
    String queryProfile;
  }

  @Mixin ListenOptions https;

  @Override
  public Integer call() throws IOException {
    if (mode.queryProfile != null) {
      return queryProfile(mode.queryProfile);
    }
    return mode.stdio ? stdio() : super.call();
  }

  @Override
  int run(LocalStore store) throws IOException {
    return listen(store); // --stdio opens its store itself, see stdio()
  }

  /**
   * Answers --query-profile from the profile's links alone, as the launcher does in shell (keep the
   * two alike): no store is opened, so a root that does not exist stays so.
   */
  private int queryProfile(String name) throws IOException {
    Profiles.checkName(name);
    Path link = layout().profilesDir().resolve(name);
    if (Files.isSymbolicLink(link)) {
      try {
        out().println(link.toRealPath().getFileName());
      } catch (IOException e) {
        // A link to a path that is gone, or a loop: no profile to speak of (as readlink -f says).
      }
    }
    out().flush();
    return 0;
  }

  private int stdio() throws IOException {
    return stdio(layout(), err());
  }

  /**
   * One session on standard input and output, logging to {@code err}. The store opens on another
   * thread while hello is read and answered (see {@link AgentServer}): a session's agent starts on
   * every target of every deployment, and its coordinator waits for it. {@link Main} runs this
   * without picocli for the command line coordinators send.
   */
  static int stdio(StoreLayout layout, PrintWriter err) throws IOException {
    CompletableFuture<LocalStore> opening = Background.start(() -> LocalStore.open(layout));
    try {
      OutputStream protocol = new FileOutputStream(FileDescriptor.out);
      // Nothing else may write to standard output: it would corrupt the protocol.
      System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, "UTF-8"));
      server(layout.storeDir(), opening, err).serve(System.in, protocol);
      protocol.flush();
      return 0;
    } finally {
      LocalStore store = opening.exceptionally(failed -> null).join();
      if (store != null) {
        store.close();
      }
    }
  }

  private int listen(LocalStore store) throws IOException {
    InetSocketAddress at = ListenOptions.address(mode.listen);
    HttpCredentials credentials = https.credentials(System.getenv());
    TlsIdentity identity = https.identity(store.layout().root(), at.getHostString());
    try (HttpsListener l =
        HttpsListener.start(
            at,
            identity,
            credentials,
            server(store.storeDir(), CompletableFuture.completedFuture(store), err()),
            log(err()),
            https.handshake())) {
      out().println("cairn agent: listening on https://" + hostPort(l.address()));
      out().println("certificate SHA-256 fingerprint: " + identity.fingerprint());
      out().flush();
      l.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("the agent was interrupted");
    }
    return 0;
  }

  private static String hostPort(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  private static AgentServer server(
      StoreDir storeDir, CompletableFuture<LocalStore> store, PrintWriter err) {
    return new AgentServer(
        storeDir, store, Activator.fromEnvironment(System.getenv()), Version.number(), log(err));
  }

  /** The agent's log: {@code log}, standard error, one timestamped line each. */
  private static Consumer<String> log(PrintWriter log) {
    return line -> {
      synchronized (log) {
        log.println("cairn agent " + Instant.now() + ": " + line);
        log.flush();
      }
    };
  }
}
