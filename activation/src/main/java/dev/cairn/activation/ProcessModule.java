package dev.cairn.activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code process} module: runs a component's program as a background service.
 *
 * <p><b>Descriptor.</b> The component may hold {@code etc/cairn/process.json}:
 *
 * <pre>{@code
 * {"program": "bin/server",          // relative to the component, or absolute (required)
 *  "args": ["--port", "${port}"],    // default []
 *  "daemon": false,                  // true: the program forks and writes its own PID file
 *  "pidFile": "${CAIRN_RUNTIME_DIR}/server.pid",  // a daemon's PID file; relative = in run/
 *  "environment": {"LANG": "C"},     // extra environment for the program
 *  "startSeconds": 0.3,              // it must still run this long after starting
 *  "stopTimeoutSeconds": 10,         // TERM, then KILL after this long
 *  "pidFileTimeoutSeconds": 10}      // how long a daemon may take to write its PID file
 * }</pre>
 *
 * Without it, the single executable in {@code bin/} runs in the foreground. In {@code args}, {@code
 * pidFile} and {@code environment} values, {@code ${NAME}} is a container property, a service
 * attribute, or {@code CAIRN_SERVICE}, {@code CAIRN_STATE_DIR}, {@code CAIRN_RUNTIME_DIR} ({@code
 * <stateDir>/run}) or {@code CAIRN_LOG_DIR} ({@code <stateDir>/logs}).
 *
 * <p><b>Activate.</b> Nothing happens if the recorded process still runs (same PID and start time).
 * Otherwise the program starts in its own session and process group, stdin from /dev/null, output
 * appended to {@code <stateDir>/logs/<service>.log}, with a clean environment: container
 * properties, then the descriptor's environment, then the service attributes, then {@code PATH},
 * {@code DYSNOMIA_STATEDIR} and the {@code CAIRN_} variables above. A daemon's launcher must exit 0
 * and its PID file must name a live process in time; a daemon already running per its PID file is
 * adopted. The PID goes to {@code <stateDir>/run/<service>.pid}. Activation fails, leaving nothing
 * running, if the program is gone after {@code startSeconds}.
 *
 * <p><b>Deactivate.</b> TERM to the whole process group, KILL after {@code stopTimeoutSeconds}, and
 * it fails if anything survives; the PID files are removed. Stopping what does not run succeeds.
 * Other activities do nothing.
 */
final class ProcessModule implements ActivationModule {
  private static final Duration POLL = Duration.ofMillis(20);

  @Override
  public String type() {
    return "process";
  }

  @Override
  public void run(ActivationRequest r, ActivationContext ctx) throws ActivationException {
    switch (r.activity()) {
      case ACTIVATE -> activate(r, ctx);
      case DEACTIVATE -> deactivate(r, ctx);
      default -> ctx.log("process module: nothing to do for " + r.activity());
    }
  }

  private void activate(ActivationRequest r, ActivationContext ctx) throws ActivationException {
    Optional<RunRecord> old = RunRecord.read(r);
    if (old.isPresent() && old.get().running()) {
      ctx.log("already running as PID " + old.get().pid());
      return;
    }
    if (old.isPresent()) {
      ctx.log("PID " + old.get().pid() + " is gone; cleaning up and starting again");
      stop(old.get(), ctx);
      RunRecord.delete(r);
    }
    ProcessDescriptor d = ProcessDescriptor.of(r.component());
    Map<String, String> vars = variables(r);
    List<String> command = new ArrayList<>();
    command.add(d.program());
    for (String a : d.args()) {
      command.add(ProcessDescriptor.expand(a, vars));
    }
    Map<String, String> env = environment(r, d, vars);
    Path serviceLog = serviceLog(r, ctx);
    ctx.log("starting " + String.join(" ", command) + (d.daemon() ? " (daemon)" : ""));
    RunRecord rec =
        d.daemon()
            ? startDaemon(r, ctx, d, command, env, serviceLog, daemonPidFile(r, d, vars))
            : startForeground(r, ctx, d, command, env, serviceLog);
    awaitStartPeriod(r, ctx, d, rec, serviceLog);
    ctx.log("running as PID " + rec.pid() + ", output in " + serviceLog);
  }

  private RunRecord startForeground(
      ActivationRequest r,
      ActivationContext ctx,
      ProcessDescriptor d,
      List<String> command,
      Map<String, String> env,
      Path serviceLog)
      throws ActivationException {
    Process p = ctx.start(command, env, r.stateDir(), serviceLog);
    long start = ProcStat.of(p.pid()).map(ProcStat::startTime).orElse(-1L);
    RunRecord rec =
        new RunRecord(p.pid(), start, p.pid(), start, d.stopTimeout(), Optional.empty());
    rec.write(r);
    return rec;
  }

  private RunRecord startDaemon(
      ActivationRequest r,
      ActivationContext ctx,
      ProcessDescriptor d,
      List<String> command,
      Map<String, String> env,
      Path serviceLog,
      Path pidFile)
      throws ActivationException {
    Optional<RunRecord> adopted = fromPidFile(pidFile, d);
    if (adopted.isPresent()) {
      ctx.log("adopting PID " + adopted.get().pid() + " from " + pidFile);
      adopted.get().write(r);
      return adopted.get();
    }
    deleteQuietly(pidFile);
    Process launcher = ctx.start(command, env, r.stateDir(), serviceLog);
    Instant limit = earlier(ctx.deadline(), Instant.now().plus(d.pidFileTimeout()));
    int status = awaitLauncher(launcher, limit, ctx, serviceLog);
    if (status != 0) {
      ProcessGroups.stop(launcher.pid(), d.stopTimeout());
      throw failed(ctx, serviceLog, d.program() + " exited with status " + status);
    }
    while (true) {
      Optional<RunRecord> rec = fromPidFile(pidFile, d);
      if (rec.isPresent()) {
        rec.get().write(r);
        return rec.get();
      }
      if (!Instant.now().isBefore(limit) || !ProcessGroups.sleep(POLL)) {
        ProcessGroups.stop(launcher.pid(), d.stopTimeout());
        throw failed(
            ctx,
            serviceLog,
            d.program()
                + " did not write a live PID to "
                + pidFile
                + " within "
                + ActivationContext.seconds(d.pidFileTimeout())
                + "; check the descriptor's pidFile or raise pidFileTimeoutSeconds");
      }
    }
  }

  private int awaitLauncher(Process launcher, Instant limit, ActivationContext ctx, Path log)
      throws ActivationException {
    while (launcher.isAlive()) {
      if (!Instant.now().isBefore(limit) || !ProcessGroups.sleep(POLL)) {
        ProcessGroups.stop(launcher.pid(), Duration.ofSeconds(2));
        throw failed(
            ctx,
            log,
            "the daemon's launcher did not exit in time; a program that stays in the foreground"
                + " needs \"daemon\": false");
      }
    }
    return launcher.exitValue();
  }

  private static Optional<RunRecord> fromPidFile(Path pidFile, ProcessDescriptor d) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
      return ProcStat.of(pid)
          .filter(ProcStat::alive)
          .map(
              p ->
                  new RunRecord(
                      pid,
                      p.startTime(),
                      p.pgrp(),
                      leaderStart(p.pgrp()),
                      d.stopTimeout(),
                      Optional.of(pidFile)));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // not written (completely) yet
    }
  }

  private static long leaderStart(long pgid) {
    return ProcStat.of(pgid).map(ProcStat::startTime).orElse(-1L);
  }

  private void awaitStartPeriod(
      ActivationRequest r, ActivationContext ctx, ProcessDescriptor d, RunRecord rec, Path log)
      throws ActivationException {
    // Watched, not slept through: a program that exits at once fails the activation at once.
    Instant limit = earlier(ctx.deadline(), Instant.now().plus(d.startGrace()));
    while (rec.running() && Instant.now().isBefore(limit) && ProcessGroups.sleep(POLL)) {
      // polling
    }
    if (rec.running()) {
      return;
    }
    stop(rec, ctx);
    RunRecord.delete(r);
    throw failed(
        ctx,
        log,
        d.program()
            + " exited within its start period of "
            + ActivationContext.seconds(d.startGrace()));
  }

  private void deactivate(ActivationRequest r, ActivationContext ctx) throws ActivationException {
    Optional<RunRecord> rec = RunRecord.read(r);
    if (rec.isEmpty()) {
      ctx.log("not running (no " + RunRecord.pidFile(r) + ")");
      return;
    }
    stop(rec.get(), ctx);
    rec.get().daemonPidFile().ifPresent(ProcessModule::deleteQuietly);
    RunRecord.delete(r);
    ctx.log("stopped PID " + rec.get().pid());
  }

  /** TERM to the service's groups, KILL after its stop timeout; fails if anything survives. */
  private static void stop(RunRecord rec, ActivationContext ctx) throws ActivationException {
    Set<Long> groups = new LinkedHashSet<>();
    if (rec.running()) {
      ProcStat.of(rec.pid()).ifPresent(p -> groups.add(p.pgrp()));
    }
    if (rec.groupIsOurs()) {
      groups.add(rec.pgid());
    }
    Duration grace =
        rec.stopTimeout().compareTo(ctx.remaining()) < 0 ? rec.stopTimeout() : ctx.remaining();
    for (long g : groups) {
      ProcessGroups.stop(g, grace);
    }
    if (rec.running()) { // it left our groups: kill it alone
      ProcessHandle.of(rec.pid()).ifPresent(ProcessHandle::destroyForcibly);
      ProcessGroups.sleep(Duration.ofMillis(100));
    }
    List<Long> survivors = new ArrayList<>();
    groups.forEach(g -> ProcStat.group(g).forEach(p -> survivors.add(p.pid())));
    if (rec.running()) {
      survivors.add(rec.pid());
    }
    if (!survivors.isEmpty()) {
      throw new ActivationException("processes " + survivors + " survived SIGKILL");
    }
  }

  private static Map<String, String> variables(ActivationRequest r) {
    Map<String, String> vars = new TreeMap<>(r.container().environment());
    vars.putAll(r.environment());
    vars.put("CAIRN_SERVICE", r.service());
    vars.put("CAIRN_STATE_DIR", r.stateDir().toString());
    vars.put("CAIRN_RUNTIME_DIR", r.stateDir().resolve("run").toString());
    vars.put("CAIRN_LOG_DIR", r.stateDir().resolve("logs").toString());
    return vars;
  }

  private static Map<String, String> environment(
      ActivationRequest r, ProcessDescriptor d, Map<String, String> vars)
      throws ActivationException {
    Map<String, String> env = new TreeMap<>(r.container().environment());
    for (Map.Entry<String, String> e : d.environment().entrySet()) {
      env.put(e.getKey(), ProcessDescriptor.expand(e.getValue(), vars));
    }
    env.putAll(r.environment());
    env.putAll(r.moduleEnvironment()); // PATH and DYSNOMIA_STATEDIR
    vars.forEach(
        (k, v) -> {
          if (k.startsWith("CAIRN_")) env.put(k, v);
        });
    return env;
  }

  private static Path daemonPidFile(ActivationRequest r, ProcessDescriptor d, Map<String, String> v)
      throws ActivationException {
    Path run = r.stateDir().resolve("run");
    if (d.pidFile().isEmpty()) {
      return run.resolve(Path.of(d.program()).getFileName() + ".pid");
    }
    return run.resolve(ProcessDescriptor.expand(d.pidFile().get(), v));
  }

  private static Path serviceLog(ActivationRequest r, ActivationContext ctx)
      throws ActivationException {
    Path log = r.stateDir().resolve("logs").resolve(r.service() + ".log");
    try {
      Files.createDirectories(log.getParent());
      Files.createDirectories(r.stateDir().resolve("run"));
      Files.writeString(
          log,
          "--- cairn: starting at " + Instant.now() + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new ActivationException("Cannot write '" + log + "': " + e.getMessage(), e);
    }
    return log;
  }

  /** A failure whose activity log ends with the service log's last lines. */
  private static ActivationException failed(ActivationContext ctx, Path serviceLog, String what)
      throws ActivationException {
    ctx.log("last lines of " + serviceLog + ":");
    for (String line : ActivityLog.tail(serviceLog, ActivationException.TAIL_LINES - 4)) {
      ctx.log("  " + line);
    }
    return new ActivationException(what);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a stale PID file we cannot remove is overwritten by the daemon anyway
    }
  }
}
