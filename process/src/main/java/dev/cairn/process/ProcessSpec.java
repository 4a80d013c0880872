package dev.cairn.process;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One process instance in the process-manager-agnostic form every backend generates its
 * configuration from. Two specs are equal exactly when the deployed process would be the same, so a
 * switch restarts a process only when its spec changed.
 *
 * @param name the instance name (unique in a model)
 * @param description a human description
 * @param process the executable
 * @param args arguments in every mode
 * @param foregroundArgs extra arguments when a manager runs the process in the foreground
 * @param daemonArgs extra arguments when a manager wants a daemon (which must write {@code
 *     pidFile})
 * @param daemonOnly the program cannot stay in the foreground: it always daemonises
 * @param environment extra environment variables
 * @param directory the working directory, or null for {@code /}
 * @param path directories prepended to {@code PATH}
 * @param initialize a shell script run before each start (as root in a privileged deployment)
 * @param user the user to run as (privileged deployments only), or null
 * @param credentials users and groups to create for it (privileged deployments only)
 * @param pidFile where a daemon writes its PID, or null
 * @param umask an octal umask, or null
 * @param nice a niceness, or null
 * @param dependencies processes that must reach a condition first
 * @param ports TCP ports the process binds (checked for clashes)
 * @param readiness how to tell it is ready, or null (ready once started)
 * @param restart what the embedded supervisor does when it exits
 * @param stopTimeoutMillis how long to wait after SIGTERM before SIGKILL
 * @param managerOptions backend-specific options from {@code overrides} (supervisord program keys,
 *     sysvinit {@code runlevels})
 * @param files generated configuration files, by relative name, stored with the process
 */
public record ProcessSpec(
    String name,
    String description,
    String process,
    List<String> args,
    List<String> foregroundArgs,
    List<String> daemonArgs,
    boolean daemonOnly,
    Map<String, String> environment,
    String directory,
    List<String> path,
    String initialize,
    String user,
    Credentials credentials,
    String pidFile,
    String umask,
    Integer nice,
    List<Dependency> dependencies,
    List<Integer> ports,
    Readiness readiness,
    Restart restart,
    long stopTimeoutMillis,
    Map<String, String> managerOptions,
    Map<String, String> files) {

  /** Validates and copies collections (maps sorted, so equal specs serialise identically). */
  public ProcessSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(process, "process");
    description = description == null ? name : description;
    args = List.copyOf(args);
    foregroundArgs = List.copyOf(foregroundArgs);
    daemonArgs = List.copyOf(daemonArgs);
    environment = sorted(environment);
    path = List.copyOf(path);
    credentials = credentials == null ? Credentials.NONE : credentials;
    dependencies = List.copyOf(dependencies);
    ports = List.copyOf(ports);
    restart = restart == null ? Restart.DEFAULT : restart;
    managerOptions = sorted(managerOptions);
    files = sorted(files);
    if (daemonOnly && pidFile == null) {
      throw new IllegalArgumentException("process '" + name + "' daemonises but has no pidFile");
    }
    if (stopTimeoutMillis <= 0) {
      throw new IllegalArgumentException(
          "stopTimeoutMillis must be positive: " + stopTimeoutMillis);
    }
  }

  static <V> Map<String, V> sorted(Map<String, V> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /** The command line when a manager runs the process in the foreground. */
  public List<String> foregroundCommand() {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(process);
    cmd.addAll(args);
    cmd.addAll(daemonOnly ? daemonArgs : foregroundArgs);
    return cmd;
  }

  /** The command line when a manager wants a daemon (only if the program can daemonise). */
  public List<String> daemonCommand() {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(process);
    cmd.addAll(args);
    cmd.addAll(daemonArgs);
    return cmd;
  }

  /** Whether the program can daemonise itself (and write its PID file). */
  public boolean canDaemonise() {
    return daemonOnly || (!daemonArgs.isEmpty() && pidFile != null);
  }

  /** This spec with {@code deps} as its dependencies. */
  public ProcessSpec withDependencies(List<Dependency> deps) {
    return with(deps, readiness);
  }

  /** This spec with readiness probe {@code r}. */
  public ProcessSpec withReadiness(Readiness r) {
    return with(dependencies, r);
  }

  private ProcessSpec with(List<Dependency> deps, Readiness r) {
    return new ProcessSpec(
        name,
        description,
        process,
        args,
        foregroundArgs,
        daemonArgs,
        daemonOnly,
        environment,
        directory,
        path,
        initialize,
        user,
        credentials,
        pidFile,
        umask,
        nice,
        deps,
        ports,
        r,
        restart,
        stopTimeoutMillis,
        managerOptions,
        files);
  }

  /** When a dependency counts as satisfied. */
  public enum Condition {
    /** Once it has been started. */
    STARTED,
    /** Once its readiness probe passed (or it started, without a probe). */
    HEALTHY,
    /** Once it exited with status 0. */
    COMPLETED
  }

  /**
   * A dependency on another instance.
   *
   * @param name the instance
   * @param condition when it counts as satisfied
   */
  public record Dependency(String name, Condition condition) {
    /** Checks for nulls. */
    public Dependency {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(condition, "condition");
    }
  }

  /** The kinds of readiness probes. */
  public enum ProbeKind {
    /** A TCP connection to {@code host:port} succeeds. */
    TCP,
    /** An HTTP GET of the URL answers 2xx or 3xx. */
    HTTP,
    /** A shell command exits 0. */
    EXEC,
    /** A line of the process's log matches a regular expression. */
    LOG_LINE
  }

  /**
   * A readiness probe.
   *
   * @param kind what is checked
   * @param target {@code host:port}, a URL, a shell command or a regular expression
   * @param periodMillis time between attempts
   * @param timeoutMillis how long to keep trying before the process counts as failed
   */
  public record Readiness(ProbeKind kind, String target, long periodMillis, long timeoutMillis) {
    /** Checks the values. */
    public Readiness {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(target, "target");
      if (periodMillis <= 0 || timeoutMillis <= 0) {
        throw new IllegalArgumentException("probe period and timeout must be positive");
      }
    }
  }

  /** When the embedded supervisor restarts a process that exited. */
  public enum Policy {
    /** Never. */
    NO,
    /** After a non-zero exit or a signal. */
    ON_FAILURE,
    /** Always. */
    ALWAYS
  }

  /**
   * A restart policy.
   *
   * @param policy when to restart
   * @param backoffMillis the first delay; it doubles after each restart, up to 30 s
   * @param maxRestarts how many restarts in a row before giving up
   */
  public record Restart(Policy policy, long backoffMillis, int maxRestarts) {
    /** On failure, after 1 s, at most 5 times. */
    public static final Restart DEFAULT = new Restart(Policy.ON_FAILURE, 1000, 5);

    /** Checks the values. */
    public Restart {
      Objects.requireNonNull(policy, "policy");
      if (backoffMillis < 0 || maxRestarts < 0) {
        throw new IllegalArgumentException("backoff and maxRestarts must not be negative");
      }
    }
  }

  /**
   * Users and groups a process needs (created only in a privileged deployment).
   *
   * @param groups group name to gid (null: any)
   * @param users user name to its settings
   */
  public record Credentials(Map<String, Integer> groups, Map<String, User> users) {
    /** None. */
    public static final Credentials NONE = new Credentials(Map.of(), Map.of());

    /** Copies the maps. */
    public Credentials {
      groups = sorted(groups);
      users = sorted(users);
    }
  }

  /**
   * A user to create.
   *
   * @param uid the uid, or null for any
   * @param group its primary group, or null
   * @param description the GECOS field
   * @param homeDir its home directory, or null
   */
  public record User(Integer uid, String group, String description, String homeDir) {}
}
