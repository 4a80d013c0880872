package dev.cairn.cli;

import dev.cairn.process.Launch;
import dev.cairn.process.ProcessDeployer;
import dev.cairn.process.ProcessException;
import dev.cairn.process.ProcessSpec;
import dev.cairn.process.ProfileDocument;
import dev.cairn.store.LocalStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn proc logs NAME}: the end of a process's log. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Print the last lines of a process's log (output and errors).")
final class ProcLogsCommand extends ProcTask {
  @Parameters(paramLabel = "NAME", description = "The process.")
  String name;

  @Option(
      names = {"-n", "--lines"},
      defaultValue = "50",
      description = "How many lines (default: ${DEFAULT-VALUE}).")
  int lines;

  @Override
  int run(LocalStore store) throws IOException {
    ProcessDeployer deployer = deployer(store);
    ProfileDocument doc =
        deployer
            .current()
            .orElseThrow(
                () ->
                    new ProcessException(
                        "profile '"
                            + profile
                            + "' has no generation; run 'cairn proc switch' first"));
    ProcessSpec spec = doc.process(name);
    if (spec == null) {
      throw new ProcessException("no process '" + name + "' in profile '" + profile + "'");
    }
    Path log = Launch.logFile(spec, doc.global());
    if (!Files.exists(log)) {
      throw new ProcessException("'" + log + "' does not exist yet; has '" + name + "' started?");
    }
    List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
    all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out()::println);
    out().flush();
    return 0;
  }
}
