package dev.cairn.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters common to every process instance, as in the seeds' processes models: the state
 * directories (all derived from {@code stateDir} unless set), whether user switching is disabled,
 * the process manager and the user running Cairn.
 *
 * @param stateDir the base of all state ({@code /var} in a privileged deployment)
 * @param runtimeDir PID files and sockets ({@code <stateDir>/run})
 * @param logDir logs ({@code <stateDir>/log})
 * @param cacheDir caches ({@code <stateDir>/cache})
 * @param libDir persistent state ({@code <stateDir>/lib})
 * @param tmpDir temporary files ({@code /tmp} for {@code /var}, else {@code <stateDir>/tmp})
 * @param forceDisableUserChange no users created, no user switching
 * @param processManager the backend: {@code cairn}, {@code supervisord} or {@code sysvinit}
 * @param callingUser the user running Cairn
 */
public record GlobalParams(
    Path stateDir,
    Path runtimeDir,
    Path logDir,
    Path cacheDir,
    Path libDir,
    Path tmpDir,
    boolean forceDisableUserChange,
    String processManager,
    String callingUser) {
  /** Checks for nulls and makes directories absolute. */
  public GlobalParams {
    stateDir = stateDir.toAbsolutePath().normalize();
    runtimeDir = runtimeDir.toAbsolutePath().normalize();
    logDir = logDir.toAbsolutePath().normalize();
    cacheDir = cacheDir.toAbsolutePath().normalize();
    libDir = libDir.toAbsolutePath().normalize();
    tmpDir = tmpDir.toAbsolutePath().normalize();
    Objects.requireNonNull(processManager, "processManager");
    Objects.requireNonNull(callingUser, "callingUser");
  }

  /**
   * Derives every directory from {@code stateDir}, for {@code callingUser}.
   *
   * @param explicit values the model or command line set ({@code runtimeDir}, …), which win over
   *     the derived ones
   */
  public static GlobalParams derive(
      Path stateDir,
      Map<String, String> explicit,
      boolean forceDisableUserChange,
      String processManager,
      String callingUser) {
    Path state = stateDir.toAbsolutePath().normalize();
    Path tmp = state.equals(Path.of("/var")) ? Path.of("/tmp") : state.resolve("tmp");
    return new GlobalParams(
        state,
        dir(explicit, "runtimeDir", state.resolve("run")),
        dir(explicit, "logDir", state.resolve("log")),
        dir(explicit, "cacheDir", state.resolve("cache")),
        dir(explicit, "libDir", state.resolve("lib")),
        dir(explicit, "tmpDir", tmp),
        forceDisableUserChange,
        processManager,
        callingUser);
  }

  private static Path dir(Map<String, String> explicit, String key, Path fallback) {
    String value = explicit.get(key);
    return value == null ? fallback : Path.of(value);
  }

  /** Whether processes run as the calling user, with no users created. */
  public boolean unprivileged() {
    return forceDisableUserChange || !"root".equals(callingUser);
  }

  /** Where Cairn keeps its own state for this deployment (supervisor socket, ids, …). */
  public Path cairnDir() {
    return libDir.resolve("cairn");
  }

  /** The values as {@code ${{ global.X }}} sees them. */
  public Map<String, String> variables() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("stateDir", stateDir.toString());
    m.put("runtimeDir", runtimeDir.toString());
    m.put("logDir", logDir.toString());
    m.put("cacheDir", cacheDir.toString());
    m.put("libDir", libDir.toString());
    m.put("tmpDir", tmpDir.toString());
    m.put("forceDisableUserChange", Boolean.toString(unprivileged()));
    m.put("processManager", processManager);
    m.put("callingUser", callingUser);
    return m;
  }
}
