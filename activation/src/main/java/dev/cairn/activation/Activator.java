package dev.cairn.activation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs activities: finds the module for a request's type, gives it a log file under the state
 * directory and bounds it by the request's timeout.
 *
 * <p>Modules are found in this order: a built-in Java module ({@code echo}, {@code fileset}, {@code
 * package}, {@code process}, {@code wrapper}, or one added with {@link #withModule}); a type that
 * is a path ({@code /…} or {@code ./…}): that executable, or for a directory the executable in its
 * {@code libexec/dysnomia/}; an executable named after the type in each directory of the modules
 * path; in the component's own {@code libexec/dysnomia/}.
 *
 * <p>Each activity logs to {@code <stateDir>/logs/<service>/<timestamp>-<activity>.log}.
 */
public final class Activator {
  /** Grace beyond the deadline for a module to report its own timeout before it is abandoned. */
  private static final Duration ABANDON_GRACE = Duration.ofSeconds(3);

  private static final ExecutorService RUNNERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "cairn-activation");
            t.setDaemon(true);
            return t;
          });

  private final Map<String, ActivationModule> modules;
  private final List<Path> modulesPath;

  private Activator(Map<String, ActivationModule> modules, List<Path> modulesPath) {
    this.modules = Map.copyOf(modules);
    this.modulesPath = List.copyOf(modulesPath);
  }

  /** An activator with the built-in modules and external modules from {@code modulesPath}. */
  public static Activator create(List<Path> modulesPath) {
    Map<String, ActivationModule> builtIns = new LinkedHashMap<>();
    for (ActivationModule m :
        List.of(
            new EchoModule(),
            new FilesetModule(),
            new PackageModule(),
            new ProcessModule(),
            new WrapperModule())) {
      builtIns.put(m.type(), m);
    }
    return new Activator(builtIns, modulesPath);
  }

  /**
   * An activator whose modules path is {@code CAIRN_MODULES_PATH} followed by {@code
   * DYSNOMIA_MODULES_PATH} (colon-separated) from {@code env}.
   */
  public static Activator fromEnvironment(Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    for (String var : List.of("CAIRN_MODULES_PATH", "DYSNOMIA_MODULES_PATH")) {
      for (String d : env.getOrDefault(var, "").split(":")) {
        if (!d.isBlank()) {
          dirs.add(Path.of(d));
        }
      }
    }
    return create(dirs);
  }

  /** This activator with {@code module} added, replacing a module of the same type. */
  public Activator withModule(ActivationModule module) {
    Map<String, ActivationModule> copy = new LinkedHashMap<>(modules);
    copy.put(Objects.requireNonNull(module.type(), "type"), module);
    return new Activator(copy, modulesPath);
  }

  /** The directories searched for external modules, in order. */
  public List<Path> modulesPath() {
    return modulesPath;
  }

  /**
   * Performs one activity.
   *
   * @return the activity's log file
   * @throws LockRefusedException if the module refused a lock
   * @throws ActivationException if no module has the type (naming where it looked), the module
   *     failed, or it ran past the request's timeout (its processes are then killed); carries the
   *     log file and the log's last lines
   */
  public Path run(ActivationRequest request) throws ActivationException {
    ActivationModule module = ModuleLocator.find(request, modules, modulesPath);
    Path log = ActivityLog.create(request);
    ActivationContext ctx = new ActivationContext(log, request.timeout());
    String what =
        request.activity()
            + " of service '"
            + request.service()
            + "' (module "
            + describe(module)
            + ")";
    Instant start = Instant.now();
    try {
      ctx.log(
          "cairn: "
              + what
              + ", component "
              + request.component()
              + ", container "
              + request.container().name());
      execute(module, request, ctx);
      ctx.log(
          "cairn: done in " + ActivationContext.seconds(Duration.between(start, Instant.now())));
      return log;
    } catch (ActivationException e) {
      ActivityLog.append(log, "cairn: failed: " + e.getMessage());
      throw e.withLog(
          what + " failed: " + e.getMessage() + "; log: " + log, log, ActivityLog.tail(log));
    }
  }

  private static void execute(ActivationModule module, ActivationRequest r, ActivationContext ctx)
      throws ActivationException {
    Future<?> f =
        RUNNERS.submit(
            () -> {
              module.run(r, ctx);
              return null;
            });
    try {
      f.get(ctx.remaining().plus(ABANDON_GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    } catch (TimeoutException e) {
      f.cancel(true);
      ctx.cancel();
      throw ctx.timedOut();
    } catch (InterruptedException e) {
      f.cancel(true);
      ctx.cancel();
      Thread.currentThread().interrupt();
      throw new ActivationException("interrupted", e);
    }
  }

  private static ActivationException unwrap(Throwable cause) {
    if (cause instanceof ActivationException ae) {
      return ae;
    }
    return new ActivationException("the module failed unexpectedly: " + cause, cause);
  }

  private static String describe(ActivationModule m) {
    return m instanceof ExternalModule x ? x.executable().toString() : m.type();
  }
}
