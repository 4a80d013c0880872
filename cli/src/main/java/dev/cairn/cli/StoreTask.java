package dev.cairn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.store.LocalStore;
import dev.cairn.store.PathInfo;
import dev.cairn.store.StoreException;
import dev.cairn.store.StoreLayout;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command that works on a store shares: opening it, printing text or JSON. */
abstract class StoreTask implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The global options, for a command Main runs without picocli (spec is then null). */
  private final Main main;

  /** Standard output and error, for a command Main runs without picocli. */
  private PrintWriter stdout;

  private PrintWriter stderr;

  StoreTask() { // picocli's
    this(null);
  }

  /** A command Main runs without picocli, with its global options read into {@code main}. */
  StoreTask(Main main) {
    this.main = main;
  }

  /** Runs the command against an open store. */
  abstract int run(LocalStore store) throws IOException;

  @Override
  public Integer call() throws IOException {
    try (LocalStore store = LocalStore.open(layout())) {
      return run(store);
    }
  }

  StoreLayout layout() {
    Main globals = globals();
    return StoreLayout.of(globals.resolvedRoot(), globals.storeDir);
  }

  /** The global options. */
  Main globals() {
    return spec != null ? (Main) spec.root().userObject() : main;
  }

  /** Picocli's writer, or standard output when Main runs the command without picocli. */
  PrintWriter out() {
    if (spec != null) {
      return spec.commandLine().getOut();
    }
    if (stdout == null) {
      stdout = new PrintWriter(System.out, true);
    }
    return stdout;
  }

  /** Picocli's writer, or standard error when Main runs the command without picocli. */
  PrintWriter err() {
    if (spec != null) {
      return spec.commandLine().getErr();
    }
    if (stderr == null) {
      stderr = new PrintWriter(System.err, true);
    }
    return stderr;
  }

  void printJson(Object value) throws IOException {
    out().println(Json.MAPPER.writeValueAsString(value));
    out().flush();
  }

  List<StorePath> parseAll(LocalStore store, List<String> texts) throws StoreException {
    List<StorePath> paths = new ArrayList<>();
    for (String t : texts) {
      paths.add(store.parsePath(t));
    }
    return paths;
  }

  void printPaths(LocalStore store, Iterable<StorePath> paths, boolean json) throws IOException {
    List<String> printed = new ArrayList<>();
    for (StorePath p : paths) {
      printed.add(store.print(p));
    }
    if (json) {
      printJson(printed);
    } else {
      printed.forEach(out()::println);
      out().flush();
    }
  }

  /** The fields of {@code nix path-info --json}, in its vocabulary. */
  static Map<String, Object> toJson(LocalStore store, PathInfo info) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", store.print(info.path()));
    m.put("narHash", info.narHash().toSri());
    m.put("narSize", info.narSize());
    m.put("references", info.references().stream().map(store::print).toList());
    m.put("deriver", info.deriver().map(store::print).orElse(null));
    m.put("registrationTime", info.registrationTime().getEpochSecond());
    return m;
  }

  /**
   * The JSON writer, made on first use: picocli instantiates the commands it is given before it
   * parses (every command of a level, for help), and Jackson's set-up would add ~0.1 s to each.
   */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }
}
