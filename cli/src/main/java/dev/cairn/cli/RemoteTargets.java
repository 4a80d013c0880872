package dev.cairn.cli;

import dev.cairn.deploy.TargetEntry;
import dev.cairn.model.Infrastructure;
import dev.cairn.model.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The targets of an infrastructure model as the transports take them, for target commands. */
final class RemoteTargets {
  private RemoteTargets() {}

  /**
   * Reads {@code file}'s targets; those naming no client interface get {@code defaultInterface}.
   */
  static List<TargetEntry> read(Path file, String defaultInterface) throws IOException {
    Infrastructure infra = Infrastructure.read(file);
    List<TargetEntry> out = new ArrayList<>();
    for (Target t : infra.targets().values()) {
      Map<String, String> properties = new TreeMap<>();
      t.properties().forEach((k, v) -> properties.put(k, String.valueOf(v)));
      out.add(
          new TargetEntry(
              t.name(),
              properties,
              t.numOfCores(),
              t.clientInterface().orElse(defaultInterface),
              t.targetProperty().orElse(null),
              null));
    }
    return out;
  }
}
