package dev.cairn.cli;

import dev.cairn.store.LocalStore;
import dev.cairn.store.PathInfo;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Queries of the reference graph and of path metadata. */
final class QueryCommands {
  private QueryCommands() {}

  /** Options every query shares. */
  abstract static class Query extends StoreTask {
    @Parameters(
        paramLabel = "PATH",
        arity = "1..*",
        description = "Store paths.",
        parameterConsumer = PathArgs.class)
    List<String> paths = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    /** Prints the union of {@code neighbours} over the given paths. */
    int printUnion(LocalStore store, Neighbours neighbours) throws IOException {
      TreeSet<StorePath> union = new TreeSet<>();
      for (StorePath p : parseAll(store, paths)) {
        union.addAll(neighbours.of(store, p));
      }
      printPaths(store, union, json);
      return 0;
    }
  }

  /** One step in the reference graph. */
  @FunctionalInterface
  interface Neighbours {
    java.util.Set<StorePath> of(LocalStore store, StorePath path) throws IOException;
  }

  /** {@code cairn store closure}. */
  @Command(
      name = "closure",
      mixinStandardHelpOptions = true,
      description =
          "Print every path the given paths need, directly or not, themselves included"
              + " (as nix-store -qR); references come first.")
  static final class Closure extends Query {
    @Override
    int run(LocalStore store) throws IOException {
      printPaths(store, store.closure(parseAll(store, paths)), json);
      return 0;
    }
  }

  /** {@code cairn store references}. */
  @Command(
      name = "references",
      mixinStandardHelpOptions = true,
      description = "Print the paths the given paths refer to directly.")
  static final class References extends Query {
    @Override
    int run(LocalStore store) throws IOException {
      return printUnion(store, LocalStore::references);
    }
  }

  /** {@code cairn store referrers}. */
  @Command(
      name = "referrers",
      mixinStandardHelpOptions = true,
      description = "Print the valid paths that refer to the given paths directly.")
  static final class Referrers extends Query {
    @Override
    int run(LocalStore store) throws IOException {
      return printUnion(store, LocalStore::referrers);
    }
  }

  /** {@code cairn store path-info}. */
  @Command(
      name = "path-info",
      mixinStandardHelpOptions = true,
      description = "Print what the store knows of paths: NAR hash and size, references, deriver.")
  static final class Info extends Query {
    @Override
    int run(LocalStore store) throws IOException {
      List<Map<String, Object>> all = new ArrayList<>();
      List<StorePath> asked = parseAll(store, paths);
      Map<StorePath, PathInfo> known = store.pathInfos(asked); // in batches, not one by one
      for (StorePath p : asked) {
        // The paths before an invalid one are printed, then it fails, as before.
        PathInfo info = known.containsKey(p) ? known.get(p) : store.requirePathInfo(p);
        if (json) {
          all.add(toJson(store, info));
        } else {
          printText(store, info);
        }
      }
      if (json) {
        printJson(all);
      }
      out().flush();
      return 0;
    }

    private void printText(LocalStore store, PathInfo info) {
      out().println(store.print(info.path()));
      out().println("  narHash:          " + info.narHash().toNixString());
      out().println("  narSize:          " + info.narSize());
      out().println("  deriver:          " + info.deriver().map(store::print).orElse("(none)"));
      out().println("  registrationTime: " + Instant.from(info.registrationTime()));
      out().println("  references:");
      for (StorePath r : info.references()) {
        out().println("    " + store.print(r));
      }
    }
  }
}
