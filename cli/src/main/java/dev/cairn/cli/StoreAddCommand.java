package dev.cairn.cli;

import dev.cairn.store.LocalStore;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn store add}: content-addressed import of a file or tree. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description =
        "Add files or directories to the store (as nix-store --add), all or none; print their"
            + " paths.")
final class StoreAddCommand extends StoreTask {
  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      parameterConsumer = PathArgs.class,
      description = "Files or directories to add.")
  List<String> sources = new ArrayList<>();

  @Option(
      names = "--name",
      paramLabel = "N",
      description = "The store path name (default: the file name).")
  String name;

  @Override
  int run(LocalStore store) throws IOException {
    if (name != null && sources.size() > 1) {
      err().println("error: --name applies to one PATH only; add the others separately");
      return 2;
    }
    List<LocalStore.Addition> additions = new ArrayList<>();
    for (String source : sources) {
      Path abs = Path.of(source).toAbsolutePath().normalize();
      String n =
          name != null ? name : abs.getFileName() == null ? "root" : abs.getFileName().toString();
      additions.add(new LocalStore.Addition(abs, n));
    }
    for (StorePath p : store.addPaths(additions)) { // all or none
      out().println(store.print(p));
    }
    out().flush();
    return 0;
  }
}
