package dev.cairn.cli;

import dev.cairn.store.Generation;
import dev.cairn.store.LocalStore;
import dev.cairn.store.Profiles;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn profile}: profiles and their generations. */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = "Point profiles at store paths, with generations to roll back to.")
final class ProfileCommand {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  /**
   * A generation as the lists print it ({@code profile list-generations}, {@code deploy
   * --list-generations}): number, creation time in local time, store path, and whether current.
   */
  static String row(LocalStore store, Generation g) {
    return String.format(
        "%5d   %s   %s%s",
        g.number(),
        TIME.format(g.created()),
        store.print(g.path()),
        g.current() ? "   (current)" : "");
  }

  /** The --profile option and the printing every profile command shares. */
  abstract static class ProfileTask extends StoreTask {
    @Option(
        names = {"-p", "--profile"},
        paramLabel = "NAME",
        defaultValue = "default",
        description = "The profile (default: ${DEFAULT-VALUE}).")
    String profile;

    int report(LocalStore store, String verb, Generation g) {
      out()
          .println(
              verb
                  + " profile '"
                  + profile
                  + "' to generation "
                  + g.number()
                  + ": "
                  + store.print(g.path()));
      out().flush();
      return 0;
    }

    Profiles profiles(LocalStore store) throws IOException {
      Profiles.checkName(profile);
      return store.profiles();
    }
  }

  /** {@code cairn profile set}. */
  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Make PATH the profile's new generation (nothing changes if it is current).")
  static final class Set extends ProfileTask {
    @Parameters(paramLabel = "PATH")
    String path;

    @Override
    int run(LocalStore store) throws IOException {
      return report(store, "switched", profiles(store).set(profile, store.parsePath(path)));
    }
  }

  /** {@code cairn profile list-generations}. */
  @Command(
      name = "list-generations",
      mixinStandardHelpOptions = true,
      description = "List the profile's generations; the current one is marked.")
  static final class ListGenerations extends ProfileTask {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int run(LocalStore store) throws IOException {
      List<Generation> gens = profiles(store).existingGenerations(profile);
      if (json) {
        printJson(
            gens.stream()
                .map(
                    g -> {
                      Map<String, Object> m = new LinkedHashMap<>();
                      m.put("generation", g.number());
                      m.put("path", store.print(g.path()));
                      m.put("created", g.created().getEpochSecond());
                      m.put("current", g.current());
                      return m;
                    })
                .toList());
        return 0;
      }
      for (Generation g : gens) {
        out().println(row(store, g));
      }
      out().flush();
      return 0;
    }
  }

  /** {@code cairn profile rollback}. */
  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = "Switch to the generation before the current one.")
  static final class Rollback extends ProfileTask {
    @Override
    int run(LocalStore store) throws IOException {
      return report(store, "rolled back", profiles(store).rollback(profile));
    }
  }

  /** {@code cairn profile switch-generation}. */
  @Command(
      name = "switch-generation",
      mixinStandardHelpOptions = true,
      description = "Switch to generation N.")
  static final class SwitchGeneration extends ProfileTask {
    @Parameters(paramLabel = "N")
    int number;

    @Override
    int run(LocalStore store) throws IOException {
      return report(store, "switched", profiles(store).switchGeneration(profile, number));
    }
  }

  /** {@code cairn profile delete-generations}. */
  @Command(
      name = "delete-generations",
      mixinStandardHelpOptions = true,
      description =
          "Delete generations: numbers, Nd (older than N days) or 'old' (all but the current)."
              + " Their paths become garbage unless something else keeps them.")
  static final class DeleteGenerations extends ProfileTask {
    @Parameters(paramLabel = "N|Nd|old", arity = "1..*")
    List<String> specs;

    @Override
    int run(LocalStore store) throws IOException {
      for (Generation g : profiles(store).deleteGenerations(profile, specs)) {
        out().println("deleted generation " + g.number() + " (" + store.print(g.path()) + ")");
      }
      out().flush();
      return 0;
    }
  }
}
