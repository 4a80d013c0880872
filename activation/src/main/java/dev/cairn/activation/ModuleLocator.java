package dev.cairn.activation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Finds the module of a request's type, in the order {@link Activator} documents. */
final class ModuleLocator {
  private ModuleLocator() {}

  static ActivationModule find(
      ActivationRequest r, Map<String, ActivationModule> builtIns, List<Path> modulesPath)
      throws ActivationException {
    String type = r.type();
    ActivationModule builtIn = builtIns.get(type);
    if (builtIn != null) {
      return builtIn;
    }
    if (type.startsWith("/") || type.startsWith("./")) {
      return new ExternalModule(type, byPath(Path.of(type).toAbsolutePath()));
    }
    if (type.contains("/")) {
      throw new ActivationException(
          "Module type '" + type + "' contains '/'; give a name or a path starting with / or ./");
    }
    List<Path> dirs = new ArrayList<>(modulesPath);
    dirs.add(r.component().resolve("libexec").resolve("dysnomia"));
    for (Path dir : dirs) {
      Path candidate = dir.resolve(type);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return new ExternalModule(type, candidate);
      }
    }
    throw new ActivationException(
        "No activation module '"
            + type
            + "': it is not built in "
            + new TreeSet<>(builtIns.keySet())
            + " and no executable '"
            + type
            + "' is in "
            + dirs
            + "; add its directory to CAIRN_MODULES_PATH (or DYSNOMIA_MODULES_PATH)");
  }

  // Dysnomia: a directory is a package whose libexec/dysnomia/ holds the module.
  private static Path byPath(Path p) throws ActivationException {
    if (Files.isDirectory(p)) {
      Path libexec = p.resolve("libexec").resolve("dysnomia");
      List<Path> found;
      try (Stream<Path> s = Files.list(libexec)) {
        found = s.filter(Files::isExecutable).sorted().toList();
      } catch (IOException e) {
        found = List.of();
      }
      if (found.size() != 1) {
        throw new ActivationException(
            "Module package '"
                + p
                + "' must hold exactly one executable in "
                + libexec
                + ", found "
                + found.size());
      }
      return found.get(0);
    }
    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
      return p;
    }
    throw new ActivationException("Module '" + p + "' is not an executable file or a package");
  }
}
