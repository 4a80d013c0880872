package dev.cairn.model;

import dev.cairn.store.StoreException;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The infrastructure model: the targets by name, in file order.
 *
 * <pre>{@code
 * test1:
 *   properties: {hostname: test1.example.org}
 *   containers:
 *     process: {}
 *     mysql-database: {mysqlPort: 3306}
 *   system: x86_64-linux
 *   numOfCores: 2
 * }</pre>
 *
 * @param targets the targets by name, in file order
 * @param file the file the model was read from
 */
public record Infrastructure(Map<String, Target> targets, Path file) {
  /** Checks each target is filed under its name; copies in order. */
  public Infrastructure {
    Objects.requireNonNull(file, "file");
    targets = Values.copy(targets);
    targets.forEach(
        (name, target) -> {
          if (!name.equals(target.name())) {
            throw new IllegalArgumentException("target '" + target.name() + "' under " + name);
          }
        });
  }

  /**
   * Reads an infrastructure file on its own (as {@code --undeploy} and capture-infra need).
   *
   * @throws YamlException with {@code file:line:column} for an unknown key, a wrong type or a bad
   *     {@code numOfCores}
   * @throws StoreException if the file cannot be read
   */
  public static Infrastructure read(Path file) throws StoreException {
    return InfrastructureParser.parse(YamlReader.read(file), file, true);
  }

  /** The target named {@code name}, if any. */
  public Optional<Target> target(String name) {
    return Optional.ofNullable(targets.get(name));
  }
}
