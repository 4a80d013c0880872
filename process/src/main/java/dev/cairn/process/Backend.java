package dev.cairn.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A process manager that runs a profile's processes. */
interface Backend {
  /** Writes the manager's configuration for {@code processes} into {@code dir}. */
  void generate(GlobalParams global, List<ProcessSpec> processes, Path dir) throws IOException;

  /** Carries out {@code plan}: {@code old} is the running profile of the same manager. */
  List<ProcessStatus> apply(
      Optional<ProfileDocument> old, ProfileDocument next, Plan plan, long timeoutMillis)
      throws IOException;

  /** {@code status}, or {@code start}/{@code stop}/{@code restart} of one process. */
  List<ProcessStatus> control(ProfileDocument doc, String op, String name, long timeoutMillis)
      throws IOException;

  /** The backend for a process manager name. */
  static Backend of(String processManager) throws ProcessException {
    return switch (processManager) {
      case "cairn" -> new CairnBackend();
      case "supervisord" -> new SupervisordBackend();
      case "sysvinit" -> new SysvinitBackend();
      default ->
          throw new ProcessException(
              "process manager '"
                  + processManager
                  + "' is unknown; use cairn, supervisord or sysvinit");
    };
  }
}
