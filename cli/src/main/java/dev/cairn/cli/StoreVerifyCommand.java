package dev.cairn.cli;

import dev.cairn.store.LocalStore;
import dev.cairn.store.VerifyReport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn store verify}. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Check that every valid path exists; with --check-contents, that its NAR hash is still"
            + " the registered one. Exit code 1 when something is wrong.")
final class StoreVerifyCommand extends StoreTask {
  @Option(names = "--check-contents", description = "Rehash every path.")
  boolean checkContents;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  int run(LocalStore store) throws IOException {
    VerifyReport report = store.verify(checkContents);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("checked", report.checked());
      m.put("ok", report.ok());
      m.put("problems", report.problems());
      printJson(m);
    } else {
      report.problems().forEach(p -> err().println("problem: " + p));
      out()
          .println(
              "checked "
                  + report.checked()
                  + " paths"
                  + (checkContents ? " and their contents" : "")
                  + ": "
                  + (report.ok() ? "all good" : report.problems().size() + " problems"));
      out().flush();
    }
    return report.ok() ? 0 : 1;
  }
}
