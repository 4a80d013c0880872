package dev.cairn.cli;

import dev.cairn.activation.Activator;
import dev.cairn.agent.AgentServer;
import dev.cairn.store.LocalStore;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn agent --stdio}: the target side of a deployment over ssh. Standard output is the
 * protocol channel, so everything else — logs, stray prints — goes to standard error.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Serve one coordinator session: the target operations (copy closures, set profiles, lock,"
          + " activate, deactivate, collect garbage) of this machine's store under --root or"
          + " $CAIRN_ROOT.",
      "The coordinator starts it over ssh ('ssh HOST -- cairn agent --stdio'); it is not meant"
          + " to be run by hand."
    })
final class AgentCommand extends StoreTask {
  @Option(
      names = "--stdio",
      required = true,
      description = "Speak the protocol on standard input and output (the ssh transport).")
  boolean stdio;

  @Override
  int run(LocalStore store) throws IOException {
    OutputStream protocol = new FileOutputStream(FileDescriptor.out);
    // Nothing else may write to standard output: it would corrupt the protocol.
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, "UTF-8"));
    PrintWriter log = err();
    AgentServer server =
        new AgentServer(
            store,
            Activator.fromEnvironment(System.getenv()),
            Version.number(),
            line -> {
              synchronized (log) {
                log.println("cairn agent " + Instant.now() + ": " + line);
                log.flush();
              }
            });
    server.serve(System.in, protocol);
    protocol.flush();
    return 0;
  }
}
