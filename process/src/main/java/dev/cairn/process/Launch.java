package dev.cairn.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How every backend runs a process: the command line with its wrappers (user switch with {@code
 * setpriv}, {@code nice}, {@code umask}), the environment and the log file. Shared so the three
 * backends run exactly the same thing.
 */
public final class Launch {
  /** The {@code PATH} processes get after their own {@code path} entries. */
  public static final String BASE_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private Launch() {}

  /** The argv: wrappers, then the program in the foreground or as a daemon. */
  public static List<String> command(ProcessSpec spec, GlobalParams global, boolean daemon) {
    List<String> cmd = new ArrayList<>();
    if (spec.user() != null && !global.unprivileged()) {
      cmd.addAll(
          List.of("setpriv", "--reuid=" + spec.user(), "--regid=" + group(spec), "--init-groups"));
    }
    if (spec.nice() != null) {
      cmd.addAll(List.of("nice", "-n", spec.nice().toString()));
    }
    if (spec.umask() != null) {
      cmd.addAll(List.of("/bin/sh", "-c", "umask " + spec.umask() + " && exec \"$@\"", "sh"));
    }
    cmd.addAll(daemon ? spec.daemonCommand() : spec.foregroundCommand());
    return cmd;
  }

  private static String group(ProcessSpec spec) {
    var user = spec.credentials().users().get(spec.user());
    return user != null && user.group() != null ? user.group() : spec.user();
  }

  /** The environment: {@code PATH} with the spec's directories first, then its variables. */
  public static Map<String, String> environment(ProcessSpec spec) {
    Map<String, String> env = new LinkedHashMap<>();
    List<String> path = new ArrayList<>(spec.path());
    path.add(BASE_PATH);
    env.put("PATH", String.join(":", path));
    env.put("LANG", "C.UTF-8");
    env.putAll(spec.environment());
    return env;
  }

  /** The working directory. */
  public static Path directory(ProcessSpec spec) {
    return Path.of(spec.directory() == null ? "/" : spec.directory());
  }

  /** The log file of a process (output and errors). */
  public static Path logFile(ProcessSpec spec, GlobalParams global) {
    return global.logDir().resolve(spec.name() + ".log");
  }

  /** The PID file a backend uses for a process that does not name its own. */
  public static Path pidFile(ProcessSpec spec, GlobalParams global) {
    return spec.pidFile() != null
        ? Path.of(spec.pidFile())
        : global.runtimeDir().resolve(spec.name() + ".pid");
  }

  /** Quotes for a POSIX shell. */
  public static String shellQuote(String s) {
    if (s.matches("[A-Za-z0-9_@%+=:,./-]+")) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** A command line for a POSIX shell. */
  public static String shellLine(List<String> argv) {
    return String.join(" ", argv.stream().map(Launch::shellQuote).toList());
  }
}
