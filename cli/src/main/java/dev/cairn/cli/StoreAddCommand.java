package dev.cairn.cli;

import dev.cairn.store.LocalStore;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn store add}: content-addressed import of a file or tree. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = "Add a file or directory to the store (as nix-store --add); print its path.")
final class StoreAddCommand extends StoreTask {
  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to add.")
  java.util.List<Path> sources;

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
    for (Path source : sources) {
      Path abs = source.toAbsolutePath().normalize();
      String n =
          name != null ? name : abs.getFileName() == null ? "root" : abs.getFileName().toString();
      StorePath p = store.addPath(abs, n);
      out().println(store.print(p));
    }
    out().flush();
    return 0;
  }
}
