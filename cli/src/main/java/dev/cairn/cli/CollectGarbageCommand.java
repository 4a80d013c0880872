package dev.cairn.cli;

import dev.cairn.agent.TargetClient;
import dev.cairn.deploy.TargetConnector;
import dev.cairn.deploy.TargetEntry;
import dev.cairn.store.GcReport;
import dev.cairn.store.LocalStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn collect-garbage}: disnix-collect-garbage's counterpart. */
@Command(
    name = "collect-garbage",
    mixinStandardHelpOptions = true,
    description =
        "Delete the garbage of every target of an infrastructure model: store paths no profile"
            + " or root reaches. With -d the old generations of the targets' profiles go first.")
final class CollectGarbageCommand extends StoreTask {
  @Option(
      names = {"-i", "--infrastructure"},
      required = true,
      paramLabel = "FILE",
      description = "Infrastructure model.")
  Path infrastructure;

  @Option(
      names = {"-d", "--delete-old"},
      description = "Delete the old generations of the targets' profiles first.")
  boolean deleteOld;

  @Mixin InterfaceOption defaultInterface;

  @Mixin TransportOptions transport;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  int run(LocalStore store) throws IOException {
    TargetConnector connector = Targets.connector(store, Duration.ofMinutes(30), transport);
    Map<String, Object> reports = new LinkedHashMap<>();
    for (TargetEntry t : RemoteTargets.read(infrastructure, defaultInterface.resolved())) {
      GcReport r;
      try (TargetClient c = connector.connect(t)) {
        r = c.collectGarbage(deleteOld);
      }
      reports.put(
          t.name(),
          Map.of("deleted", r.deleted().size(), "bytesFreed", r.bytesFreed(), "roots", r.roots()));
      if (!json) {
        out()
            .printf(
                "%s: deleted %d paths, freed %s%n",
                t.name(), r.deleted().size(), Sizes.format(r.bytesFreed()));
        out().flush();
      }
    }
    if (json) {
      printJson(reports);
    }
    return 0;
  }
}
