package dev.cairn.process;

import dev.cairn.process.supervisor.Probes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's supervisord: a {@code [program:x]} file per process with a priority from its
 * dependencies, a supervisord of the deployment's own (socket, PID file and logs under the state
 * directory) started on demand, and {@code supervisorctl reread} + {@code update} to switch.
 */
final class SupervisordBackend implements Backend {
  private static final long COMMAND_TIMEOUT = 60_000;

  @Override
  public void generate(GlobalParams global, List<ProcessSpec> processes, Path dir)
      throws IOException {
    Path confd = Files.createDirectories(dir.resolve("supervisord/conf.d"));
    Map<String, Integer> seq = Sequence.of(processes);
    for (ProcessSpec p : processes) {
      Files.writeString(confd.resolve(p.name() + ".conf"), program(global, p, seq.get(p.name())));
    }
    Files.writeString(dir.resolve("supervisord/supervisord.conf"), main(global));
  }

  private static String program(GlobalParams global, ProcessSpec p, int seq) {
    List<String> argv = new ArrayList<>(Launch.command(p, global, false));
    if (p.initialize() != null) {
      argv.addAll(0, List.of("/bin/sh", "-c", oneLine(p.initialize()) + " && exec \"$@\"", "sh"));
    }
    StringBuilder c = new StringBuilder("[program:" + p.name() + "]\n");
    c.append("command=").append(Launch.shellLine(argv).replace("%", "%%")).append('\n');
    c.append("directory=").append(Launch.directory(p)).append('\n');
    List<String> env = new ArrayList<>();
    Launch.environment(p)
        .forEach((k, v) -> env.add(k + "=\"" + v.replace("\"", "\\\"").replace("%", "%%") + "\""));
    c.append("environment=").append(String.join(",", env)).append('\n');
    c.append("priority=").append(100 + seq).append('\n');
    c.append("autostart=true\nstartsecs=0\nstopasgroup=true\nkillasgroup=true\n");
    c.append("autorestart=")
        .append(
            switch (p.restart().policy()) {
              case NO -> "false";
              case ON_FAILURE -> "unexpected";
              case ALWAYS -> "true";
            })
        .append('\n');
    c.append("startretries=").append(p.restart().maxRestarts()).append('\n');
    c.append("stopwaitsecs=").append(Math.max(1, p.stopTimeoutMillis() / 1000)).append('\n');
    c.append("redirect_stderr=true\nstdout_logfile=").append(Launch.logFile(p, global));
    c.append("\nstdout_logfile_maxbytes=10MB\nstdout_logfile_backups=3\n");
    p.managerOptions().forEach((k, v) -> c.append(k).append('=').append(v).append('\n'));
    return c.toString();
  }

  /** supervisord's INI values are one line: a script's lines become a list of commands. */
  private static String oneLine(String script) {
    return "{ " + String.join("; ", script.strip().split("\\s*\\R\\s*")) + "; }";
  }

  private static String main(GlobalParams g) {
    Path dir = g.cairnDir().resolve("supervisord");
    return "[unix_http_server]\nfile="
        + dir.resolve("supervisor.sock")
        + "\nchmod=0700\n\n"
        + "[supervisord]\npidfile="
        + dir.resolve("supervisord.pid")
        + "\nlogfile="
        + g.logDir().resolve("supervisord.log")
        + "\nchildlogdir="
        + g.logDir()
        + "\n"
        + "nodaemon=false\n\n"
        + "[rpcinterface:supervisor]\n"
        + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n"
        + "[supervisorctl]\nserverurl=unix://"
        + dir.resolve("supervisor.sock")
        + "\n\n"
        + "[include]\nfiles="
        + dir.resolve("conf.d")
        + "/*.conf\n";
  }

  @Override
  public List<ProcessStatus> apply(
      Optional<ProfileDocument> old, ProfileDocument next, Plan plan, long timeoutMillis)
      throws IOException {
    GlobalParams g = next.global();
    Path dir = g.cairnDir().resolve("supervisord");
    boolean running = running(g);
    for (String name : plan.stop()) {
      if (running) {
        Commands.run(ctl(g, "stop", name), COMMAND_TIMEOUT);
      }
    }
    Path confd = Files.createDirectories(dir.resolve("conf.d"));
    try (Stream<Path> files = Files.list(confd)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Path generated = Path.of(next.configDir(), "supervisord");
    for (ProcessSpec p : next.processes()) {
      Files.copy(
          generated.resolve("conf.d/" + p.name() + ".conf"), confd.resolve(p.name() + ".conf"));
    }
    Files.copy(
        generated.resolve("supervisord.conf"),
        dir.resolve("supervisord.conf"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    if (next.processes().isEmpty()) {
      if (running) {
        Commands.run(ctl(g, "shutdown"), COMMAND_TIMEOUT);
      }
      return List.of();
    }
    if (!running) {
      Commands.check(
          List.of("supervisord", "-c", dir.resolve("supervisord.conf").toString()),
          COMMAND_TIMEOUT);
      awaitRunning(g);
    }
    Commands.check(ctl(g, "reread"), COMMAND_TIMEOUT);
    Commands.check(ctl(g, "update"), COMMAND_TIMEOUT);
    for (String name : plan.start()) {
      ProcessSpec p = next.process(name);
      if (p.readiness() != null) {
        awaitReady(p, g);
      }
    }
    return status(g);
  }

  private static void awaitReady(ProcessSpec p, GlobalParams g) throws ProcessException {
    try {
      if (!Probes.await(p.readiness(), Launch.logFile(p, g))) {
        throw new ProcessException(
            "process '"
                + p.name()
                + "' is not ready after "
                + p.readiness().timeoutMillis()
                + " ms; see "
                + Launch.logFile(p, g));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessException("interrupted", e);
    }
  }

  private static boolean running(GlobalParams g) throws ProcessException {
    Path conf = g.cairnDir().resolve("supervisord/supervisord.conf");
    return Files.exists(conf)
        && Commands.run(ctl(g, "pid"), COMMAND_TIMEOUT).output().strip().matches("\\d+");
  }

  private static void awaitRunning(GlobalParams g) throws ProcessException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      if (running(g)) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProcessException("interrupted", e);
      }
    }
    throw new ProcessException(
        "supervisord did not start within 30 s; see " + g.logDir().resolve("supervisord.log"));
  }

  private static List<String> ctl(GlobalParams g, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "supervisorctl",
                "-c",
                g.cairnDir().resolve("supervisord/supervisord.conf").toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static List<ProcessStatus> status(GlobalParams g) throws ProcessException {
    List<ProcessStatus> out = new ArrayList<>();
    for (String line : Commands.run(ctl(g, "status"), COMMAND_TIMEOUT).output().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 2 && f[1].matches("[A-Z]+")) {
        Long pid = f.length >= 4 && f[2].equals("pid") ? Long.valueOf(f[3].replace(",", "")) : null;
        out.add(new ProcessStatus(f[0], f[1], pid, 0, null));
      }
    }
    return out;
  }

  @Override
  public List<ProcessStatus> control(
      ProfileDocument doc, String op, String name, long timeoutMillis) throws IOException {
    GlobalParams g = doc.global();
    if (!op.equals("status")) {
      Commands.check(ctl(g, op, name), timeoutMillis);
    }
    return running(g) ? status(g) : List.of();
  }
}
