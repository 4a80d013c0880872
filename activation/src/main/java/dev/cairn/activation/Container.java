package dev.cairn.activation;

import dev.cairn.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A named set of properties describing where a service is activated (a database server, a web
 * server, a process manager). Modules receive the properties as environment variables.
 *
 * @param name the container's name, as modules receive it in their third argument
 * @param properties the container's properties; the {@code type} property names the default module
 *     and, as in Dysnomia, is not passed to modules
 */
public record Container(String name, Map<String, String> properties) {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Checks the name and property keys, and copies the properties. */
  public Container {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.contains("/") || name.contains("\0")) {
      throw new IllegalArgumentException(
          "Container name '" + name + "' must be a non-empty name without '/'");
    }
    for (Map.Entry<String, String> e : properties.entrySet()) {
      checkProperty(e.getKey(), e.getValue());
    }
    properties = Map.copyOf(properties);
  }

  /** A container with no properties. */
  public static Container named(String name) {
    return new Container(name, Map.of());
  }

  /** The module type this container's file names with {@code type=}, if any. */
  public Optional<String> type() {
    return Optional.ofNullable(properties.get("type"));
  }

  /** This container with one more property (replacing one of the same key). */
  public Container with(String key, String value) {
    Map<String, String> copy = new TreeMap<>(properties);
    copy.put(key, value);
    return new Container(name, copy);
  }

  /** The properties as modules see them: all but {@code type}, in key order. */
  public Map<String, String> environment() {
    Map<String, String> env = new TreeMap<>(properties);
    env.remove("type");
    return env;
  }

  /**
   * Reads a Dysnomia container file: {@code key=value} lines; blank lines and {@code #} comments
   * are skipped; a value in matching single or double quotes loses them.
   *
   * @throws StoreException if the file cannot be read or a line is not {@code key=value}, naming
   *     the file and line
   */
  public static Container read(String name, Path file) throws StoreException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("Cannot read container file '" + file + "': " + e.getMessage(), e);
    }
    Map<String, String> props = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? line : line.substring(0, eq);
      if (eq < 0 || !KEY.matcher(key).matches()) {
        throw new StoreException(
            file
                + ":"
                + (i + 1)
                + ": expected key=value with a shell variable name as key, got '"
                + line
                + "'");
      }
      props.put(key, unquote(line.substring(eq + 1)));
    }
    return new Container(name, props);
  }

  /**
   * Finds {@code name} in the directories of a Dysnomia containers path: a name starting with
   * {@code /} or {@code ./} is a file itself, otherwise the first {@code dir/name} that is a file.
   *
   * @throws StoreException if a container file exists but cannot be read or parsed
   */
  public static Optional<Container> find(String name, List<Path> dirs) throws StoreException {
    if (name.startsWith("/") || name.startsWith("./")) {
      Path file = Path.of(name);
      return Optional.of(read(file.getFileName().toString(), file));
    }
    for (Path dir : dirs) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        return Optional.of(read(name, file));
      }
    }
    return Optional.empty();
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  static void checkProperty(String key, String value) {
    Objects.requireNonNull(value, () -> "value of '" + key + "'");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "Property name '" + key + "' must be a shell variable name ([A-Za-z_][A-Za-z0-9_]*)");
    }
    if (value.contains("\0")) {
      throw new IllegalArgumentException("Property '" + key + "' contains a NUL character");
    }
  }
}
