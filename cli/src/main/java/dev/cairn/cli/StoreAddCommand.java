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

  /** What to add, read from the command line before the store is opened. */
  private final List<LocalStore.Addition> additions = new ArrayList<>();

  /**
   * Checks the command line before the store is opened, and created if it does not exist yet: a
   * refused request leaves no root behind.
   */
  @Override
  public Integer call() throws IOException {
    if (name != null && sources.size() > 1) {
      err().println("error: --name applies to one PATH only; add the others separately");
      return 2;
    }
    for (String source : sources) {
      Path abs = Path.of(source).toAbsolutePath().normalize();
      String n =
          name != null ? name : abs.getFileName() == null ? "root" : abs.getFileName().toString();
      LocalStore.Addition addition = new LocalStore.Addition(abs, n);
      addition.check();
      additions.add(addition);
    }
    return super.call();
  }

  @Override
  int run(LocalStore store) throws IOException {
    for (StorePath p : store.addPaths(additions)) { // all or none
      out().println(store.print(p));
    }
    out().flush();
    return 0;
  }
}
