package dev.cairn.store.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How builds are isolated on this machine, found out once per process. Every build gets a clean
 * environment, a private temporary directory and a fresh HOME; the network is taken away when a
 * network namespace can be made ({@code unshare --net} as root, or inside a user namespace
 * otherwise). Where neither works the build still runs, with the network, and {@link #describe()}
 * says so.
 */
final class Sandbox {
  private static volatile Sandbox probed;

  private final List<String> prefix;
  private final String description;

  private Sandbox(List<String> prefix, String description) {
    this.prefix = List.copyOf(prefix);
    this.description = description;
  }

  static Sandbox probe() {
    Sandbox s = probed;
    if (s == null) {
      s = detect();
      probed = s;
    }
    return s;
  }

  /** The command words to put before the builder. */
  List<String> prefix() {
    return prefix;
  }

  String describe() {
    return description;
  }

  private static Sandbox detect() {
    Path unshare = findOnPath("unshare");
    if (unshare != null) {
      List<List<String>> candidates =
          List.of(
              List.of(unshare.toString(), "--net"),
              List.of(unshare.toString(), "--user", "--map-current-user", "--net"),
              List.of(unshare.toString(), "--user", "--map-root-user", "--net"));
      for (List<String> c : candidates) {
        if (works(c)) {
          return new Sandbox(c, "network namespace (" + String.join(" ", c) + ")");
        }
      }
    }
    return new Sandbox(List.of(), "no network isolation (unshare cannot make a namespace here)");
  }

  private static boolean works(List<String> prefix) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add("true");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Path findOnPath(String command) {
    // Every recipe asks for the same few dozen tools: look each up once per process.
    return TOOLS.computeIfAbsent(command, Sandbox::lookUp).orElse(null);
  }

  private static final java.util.concurrent.ConcurrentHashMap<String, java.util.Optional<Path>>
      TOOLS = new java.util.concurrent.ConcurrentHashMap<>();

  private static java.util.Optional<Path> lookUp(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return java.util.Optional.empty();
    }
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return java.util.Optional.of(candidate.toAbsolutePath());
      }
    }
    return java.util.Optional.empty();
  }
}
