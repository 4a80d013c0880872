package dev.cairn.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A target's configuration as it reports it ({@code cairn capture-infra}), Dysnomia's way: the
 * properties in {@code <root>/properties} and one file per container in {@code
 * <root>/containers/<name>}, each of {@code key=value} lines ({@code #} comments, optional quotes),
 * plus the platform and core count detected on the machine.
 *
 * @param properties the target's properties
 * @param containers its containers' properties, by container name
 * @param system the platform, such as {@code x86_64-linux}
 * @param numOfCores the processors available to the agent
 */
public record TargetConfig(
    Map<String, String> properties,
    Map<String, Map<String, String>> containers,
    String system,
    int numOfCores) {
  /** Checks and copies, sorted by name. */
  public TargetConfig {
    properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    Map<String, Map<String, String>> c = new TreeMap<>();
    containers.forEach((k, v) -> c.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
    containers = Collections.unmodifiableMap(c);
    Objects.requireNonNull(system, "system");
    if (numOfCores < 1) {
      throw new IllegalArgumentException("numOfCores must be at least 1, got " + numOfCores);
    }
  }

  /**
   * Reads the configuration under {@code root}; missing files mean none.
   *
   * @throws IOException naming a file that cannot be read or holds a line without '='
   */
  public static TargetConfig read(Path root) throws IOException {
    Map<String, String> properties = keyValues(root.resolve("properties"));
    Map<String, Map<String, String>> containers = new TreeMap<>();
    Path dir = root.resolve("containers");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
          if (Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")) {
            containers.put(f.getFileName().toString(), keyValues(f));
          }
        }
      }
    }
    return new TargetConfig(
        properties, containers, detectedSystem(), Runtime.getRuntime().availableProcessors());
  }

  private static Map<String, String> keyValues(Path file) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      int eq = s.indexOf('=');
      if (eq < 1) {
        throw new IOException(
            file + ":" + n + ": expected key=value, got '" + s + "'; fix or remove the line");
      }
      out.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip().replaceAll("^\"|\"$", ""));
    }
    return out;
  }

  /** Nix's name of this platform: {@code x86_64-linux}, {@code aarch64-darwin}, … */
  static String detectedSystem() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String a =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch64";
          case "x86", "i386", "i686" -> "i686";
          default -> arch;
        };
    String o = os.startsWith("mac") ? "darwin" : os.startsWith("windows") ? "cygwin" : os;
    return a + "-" + o;
  }
}
