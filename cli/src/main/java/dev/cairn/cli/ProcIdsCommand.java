package dev.cairn.cli;

import dev.cairn.process.IdAssignments;
import dev.cairn.process.ProcessesFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cairn proc ids MODEL}: assigns unique IDs and writes the ids file. */
@Command(
    name = "ids",
    mixinStandardHelpOptions = true,
    description =
        "Assign unique ports, uids and gids to the instances that require them"
            + " (requiresUniqueIdsFor), keeping earlier assignments; writes ids.json beside the"
            + " model.")
final class ProcIdsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = "The processes model (YAML).")
  Path model;

  @Option(names = "--ids-file", paramLabel = "FILE", description = "Default: ids.json beside it.")
  Path idsFile;

  @Override
  public Integer call() throws Exception {
    ProcessesFile file = ProcessesFile.read(model);
    Path target = idsFile != null ? idsFile : IdAssignments.fileFor(model);
    IdAssignments ids = IdAssignments.load(target).assign(file);
    ids.save(target);
    ids.assignments()
        .forEach(
            (kind, byName) ->
                byName.forEach(
                    (name, id) ->
                        spec.commandLine().getOut().println(kind + " " + name + " " + id)));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
