package dev.cairn.cli;

import dev.cairn.deploy.Deployer;
import dev.cairn.deploy.Manifest;
import dev.cairn.deploy.MappingEntry;
import dev.cairn.deploy.ServiceEntry;
import dev.cairn.deploy.TargetEntry;
import dev.cairn.deploy.Visualizer;
import dev.cairn.store.LocalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn query} and {@code cairn visualize}: what runs where. */
final class QueryCommand {
  private QueryCommand() {}

  /** The options both share. */
  abstract static class ManifestTask extends StoreTask {
    @Option(
        names = {"-p", "--profile"},
        defaultValue = "default",
        paramLabel = "NAME",
        description = "The deployment's profile (default: ${DEFAULT-VALUE}).")
    String profile;

    Manifest manifest(LocalStore store) throws IOException {
      return new Deployer(
              store,
              t -> null,
              dev.cairn.deploy.DeployEvents.NONE,
              dev.cairn.store.build.BuildEvents.NONE)
          .current(profile);
    }
  }

  /** {@code cairn query}. */
  @Command(
      name = "query",
      mixinStandardHelpOptions = true,
      description = "Print the services of the current deployment per target.")
  static final class Query extends ManifestTask {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int run(LocalStore store) throws IOException {
      Manifest m = manifest(store);
      Map<String, Object> doc = new LinkedHashMap<>();
      for (TargetEntry t : m.targets().values()) {
        List<Map<String, String>> services = new ArrayList<>();
        for (MappingEntry e : m.mappingsOn(t.name())) {
          ServiceEntry s = m.services().get(e.service());
          Map<String, String> row = new LinkedHashMap<>();
          row.put("service", s.name());
          row.put("type", s.type());
          row.put("container", e.container());
          row.put("pkg", s.pkg());
          services.add(row);
        }
        // By name: easier to read than the manifest's order, which is the services' hashes'.
        services.sort(Comparator.comparing(row -> row.get("service")));
        doc.put(t.name(), services);
        if (!json) {
          out().println("target " + t.name() + " (profile " + t.profile() + "):");
          for (Map<String, String> row : services) {
            out()
                .printf(
                    "  %-28s %-10s %-16s %s%n",
                    row.get("service"), row.get("type"), row.get("container"), row.get("pkg"));
          }
        }
      }
      if (json) {
        printJson(doc);
      } else if (m.targets().isEmpty()) {
        out().println("profile '" + profile + "' has no deployment");
      }
      out().flush();
      return 0;
    }
  }

  /** {@code cairn visualize}. */
  @Command(
      name = "visualize",
      mixinStandardHelpOptions = true,
      description =
          "Draw the current deployment as Graphviz DOT (or SVG with --svg FILE, which"
              + " needs graphviz's dot).")
  static final class Visualize extends ManifestTask {
    @Option(names = "--svg", paramLabel = "FILE", description = "Render to an SVG file.")
    Path svg;

    @Override
    int run(LocalStore store) throws IOException {
      String dot = Visualizer.dot(manifest(store));
      if (svg == null) {
        out().print(dot);
        out().flush();
        return 0;
      }
      Path tmp = Files.createTempFile("cairn", ".dot");
      try {
        Files.writeString(tmp, dot);
        Process p =
            new ProcessBuilder("dot", "-Tsvg", "-o", svg.toString(), tmp.toString())
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new dev.cairn.store.StoreException(
              "dot failed: "
                  + new String(p.getInputStream().readAllBytes())
                  + " (is graphviz installed?)");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.cairn.store.StoreException("interrupted while running dot");
      } catch (IOException e) {
        throw new dev.cairn.store.StoreException(
            "cannot run graphviz's dot ("
                + e.getMessage()
                + "); install graphviz, or print DOT"
                + " without --svg");
      } finally {
        Files.deleteIfExists(tmp);
      }
      out().println("wrote " + svg);
      out().flush();
      return 0;
    }
  }
}
