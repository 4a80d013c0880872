package dev.cairn.cli;

import dev.cairn.store.GcOptions;
import dev.cairn.store.GcReport;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn store gc}. */
@Command(
    name = "gc",
    mixinStandardHelpOptions = true,
    description =
        "Delete every store path that no profile generation, registered root or running cairn"
            + " process can reach.")
final class StoreGcCommand extends StoreTask {
  @Option(names = "--dry-run", description = "Print what would be deleted; delete nothing.")
  boolean dryRun;

  @Option(
      names = "--max-freed",
      paramLabel = "BYTES",
      description = "Stop after freeing this many bytes (suffixes K, M, G allowed).")
  String maxFreed;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  int run(LocalStore store) throws IOException {
    long limit = maxFreed == null ? Long.MAX_VALUE : Sizes.parse(maxFreed, "--max-freed");
    GcReport report = store.collectGarbage(new GcOptions(dryRun, limit));
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dryRun", report.dryRun());
      m.put("deleted", report.deleted().stream().map(store::print).toList());
      m.put("bytesFreed", report.bytesFreed());
      m.put("roots", report.roots());
      printJson(m);
      return 0;
    }
    for (StorePath p : report.deleted()) {
      out().println((dryRun ? "would delete " : "deleted ") + store.print(p));
    }
    out()
        .println(
            report.deleted().size()
                + " store paths "
                + (dryRun ? "would be deleted, " : "deleted, ")
                + Sizes.format(report.bytesFreed())
                + (dryRun ? " would be freed" : " freed"));
    out().flush();
    return 0;
  }
}
