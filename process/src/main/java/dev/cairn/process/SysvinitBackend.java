package dev.cairn.process;

import dev.cairn.process.supervisor.Probes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sysvinit: an LSB init script per process and {@code rc.d/S<NN>-name} links numbered from the
 * dependencies; Cairn runs the scripts itself, in order (no init system needed): stops with the old
 * scripts (dependents first), starts with the new ones (dependencies first, each ready before the
 * next).
 */
final class SysvinitBackend implements Backend {
  private static final long SCRIPT_TIMEOUT = 60_000;

  @Override
  public void generate(GlobalParams global, List<ProcessSpec> processes, Path dir)
      throws IOException {
    Path initd = Files.createDirectories(dir.resolve("sysvinit/init.d"));
    Path rcd = Files.createDirectories(dir.resolve("sysvinit/rc.d"));
    Map<String, Integer> seq = Sequence.of(processes);
    for (ProcessSpec p : processes) {
      List<String> deps = p.dependencies().stream().map(ProcessSpec.Dependency::name).toList();
      Path script = initd.resolve(p.name());
      Files.writeString(script, InitScripts.script(global, p, deps));
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      String link = String.format("S%02d-%s", seq.get(p.name()), p.name());
      Files.createSymbolicLink(rcd.resolve(link), Path.of("../init.d", p.name()));
    }
  }

  private static Path script(ProfileDocument doc, String name) {
    return Path.of(doc.configDir(), "sysvinit/init.d", name);
  }

  @Override
  public List<ProcessStatus> apply(
      Optional<ProfileDocument> old, ProfileDocument next, Plan plan, long timeoutMillis)
      throws IOException {
    for (String name : plan.stop()) {
      Commands.check(List.of(script(old.orElseThrow(), name).toString(), "stop"), SCRIPT_TIMEOUT);
    }
    for (String name : plan.start()) {
      Commands.check(List.of(script(next, name).toString(), "start"), SCRIPT_TIMEOUT);
      ProcessSpec p = next.process(name);
      if (p.readiness() != null) {
        try {
          if (!Probes.await(p.readiness(), Launch.logFile(p, next.global()))) {
            throw new ProcessException(
                "process '"
                    + name
                    + "' is not ready after "
                    + p.readiness().timeoutMillis()
                    + " ms; see "
                    + Launch.logFile(p, next.global()));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ProcessException("interrupted", e);
        }
      }
    }
    return control(next, "status", null, timeoutMillis);
  }

  @Override
  public List<ProcessStatus> control(
      ProfileDocument doc, String op, String name, long timeoutMillis) throws IOException {
    if (!op.equals("status")) {
      if (doc.process(name) == null) {
        throw new ProcessException("no process '" + name + "' in the current profile");
      }
      Commands.check(List.of(script(doc, name).toString(), op), timeoutMillis);
    }
    List<ProcessStatus> out = new ArrayList<>();
    for (ProcessSpec p : doc.processes()) {
      String text =
          Commands.run(List.of(script(doc, p.name()).toString(), "status"), SCRIPT_TIMEOUT)
              .output()
              .strip();
      Long pid = text.startsWith("running ") ? Long.valueOf(text.substring(8).strip()) : null;
      out.add(new ProcessStatus(p.name(), pid == null ? "STOPPED" : "RUNNING", pid, 0, null));
    }
    return out;
  }
}
