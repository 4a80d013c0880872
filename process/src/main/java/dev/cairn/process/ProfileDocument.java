package dev.cairn.process;

import java.util.List;
import java.util.Objects;

/**
 * The content of a processes profile generation: which process manager runs it, the global
 * parameters, where the generated configuration lives, and the processes, dependencies first.
 *
 * @param processManager {@code cairn}, {@code supervisord} or {@code sysvinit}
 * @param global the global parameters
 * @param configDir the store directory holding the manager's generated configuration
 * @param processes the processes, dependencies first
 */
public record ProfileDocument(
    String processManager, GlobalParams global, String configDir, List<ProcessSpec> processes) {
  /** Copies the list. */
  public ProfileDocument {
    Objects.requireNonNull(processManager, "processManager");
    Objects.requireNonNull(global, "global");
    processes = List.copyOf(processes);
  }

  /** The same deployment with no processes (what {@code --undeploy} switches to). */
  public ProfileDocument empty() {
    return new ProfileDocument(processManager, global, configDir, List.of());
  }

  /** The process named {@code name}, or null. */
  public ProcessSpec process(String name) {
    return processes.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }
}
