package dev.cairn.cli;

import dev.cairn.store.LocalStore;
import dev.cairn.store.StorePath;
import dev.cairn.store.nar.ChannelOutput;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Moving closures between stores in Nix's export format. */
final class TransferCommands {
  private TransferCommands() {}

  /** {@code cairn store export}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Write the given paths to standard output in nix-store --export format, references"
              + " first. Export a whole closure with: cairn store export $(cairn store closure P)")
  static final class Export extends StoreTask {
    @Parameters(paramLabel = "PATH", arity = "1..*", parameterConsumer = PathArgs.class)
    List<String> paths = new ArrayList<>();

    @Override
    int run(LocalStore store) throws IOException {
      List<StorePath> parsed = parseAll(store, paths);
      try (OutputStream out = ChannelOutput.stdout()) {
        store.export(parsed, out);
      }
      return 0;
    }
  }

  /** {@code cairn store import}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Read a nix-store --export stream from standard input, check every path, then register"
              + " them all at once; print the imported paths. A corrupt stream imports nothing.")
  static final class Import extends StoreTask {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int run(LocalStore store) throws IOException {
      List<StorePath> imported =
          store.importPaths(
              new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
      printPaths(store, imported, json);
      return 0;
    }
  }
}
