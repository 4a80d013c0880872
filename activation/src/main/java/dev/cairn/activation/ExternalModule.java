package dev.cairn.activation;

import java.nio.file.Path;
import java.util.List;

/**
 * An executable activation module, called as Dysnomia calls its modules: {@code module ACTIVITY
 * COMPONENT CONTAINER} with a clean environment holding the container's properties (without {@code
 * type}), the request's extra environment, {@code PATH} and {@code DYSNOMIA_STATEDIR}. Exit status
 * 0 is success; anything else fails the activity, and for {@code lock} refuses it.
 */
final class ExternalModule implements ActivationModule {
  private final String type;
  private final Path executable;

  ExternalModule(String type, Path executable) {
    this.type = type;
    this.executable = executable;
  }

  @Override
  public String type() {
    return type;
  }

  Path executable() {
    return executable;
  }

  @Override
  public void run(ActivationRequest r, ActivationContext ctx) throws ActivationException {
    call(
        r,
        ctx,
        List.of(
            executable.toString(),
            r.activity().dysnomiaName(),
            r.component().toString(),
            r.container().name()));
  }

  /** Runs {@code command} as a module in its own process group, bounded by the deadline. */
  static void call(ActivationRequest r, ActivationContext ctx, List<String> command)
      throws ActivationException {
    ctx.log("cairn: running " + String.join(" ", command));
    Process p = ctx.start(command, r.moduleEnvironment(), r.stateDir(), ctx.logFile());
    int status = ctx.await(p);
    if (status == 0) {
      return;
    }
    String what = command.get(0) + " exited with status " + status;
    if (r.activity() == Activity.LOCK) {
      throw new LockRefusedException("the service refused the lock: " + what);
    }
    throw new ActivationException(what);
  }
}
