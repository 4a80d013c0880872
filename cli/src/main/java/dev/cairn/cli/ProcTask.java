package dev.cairn.cli;

import dev.cairn.process.ProcessDeployer;
import dev.cairn.process.ProcessStatus;
import dev.cairn.store.LocalStore;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Option;

/** What the {@code proc} commands share: the profile and the readiness timeout. */
abstract class ProcTask extends StoreTask {
  @Option(
      names = "--profile",
      paramLabel = "NAME",
      defaultValue = "processes",
      description = "The profile holding the deployment's generations (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "How long to wait for processes to be ready (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  ProcessDeployer deployer(LocalStore store) {
    return new ProcessDeployer(store, profile);
  }

  long timeoutMillis() {
    return timeoutSeconds * 1000;
  }

  /** Prints a status table; returns 1 if a process failed. */
  int printStatuses(List<ProcessStatus> statuses, boolean json) throws IOException {
    if (json) {
      printJson(statuses);
    } else {
      for (ProcessStatus s : statuses) {
        out()
            .printf(
                "%-20s %-10s %-8s %s%n",
                s.name(),
                s.state(),
                s.pid() == null ? "-" : s.pid(),
                s.message() == null ? "" : s.message());
      }
      out().flush();
    }
    boolean failed = statuses.stream().anyMatch(s -> s.state().equals("FAILED"));
    if (failed) {
      err().println("error: some processes failed; see 'cairn proc logs NAME'");
    }
    return failed ? ErrorHandler.FAILED : 0;
  }
}
