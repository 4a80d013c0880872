package dev.cairn.cli;

import dev.cairn.activation.ActivationException;
import dev.cairn.activation.ActivationRequest;
import dev.cairn.activation.Activator;
import dev.cairn.activation.Activity;
import dev.cairn.activation.Container;
import dev.cairn.store.StoreException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cairn activate}: one activation activity by hand, as {@code dysnomia} runs one. */
@Command(
    name = "activate",
    description = {
      "Run one activity of an activation module on a component, as Dysnomia's dysnomia does.",
      "State (PID files, logs, snapshots) lives in <root>/state. Container properties come from"
          + " <root>/containers/NAME or $DYSNOMIA_CONTAINERS_PATH, then --property."
    },
    mixinStandardHelpOptions = true)
final class ActivateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-t", "--type"},
      paramLabel = "TYPE",
      description =
          "The module: built in (echo, fileset, package, process, wrapper), a name in"
              + " $CAIRN_MODULES_PATH or $DYSNOMIA_MODULES_PATH, or a path (default: the container's"
              + " type=).")
  String type;

  @Option(
      names = {"-o", "--operation"},
      required = true,
      paramLabel = "OP",
      description =
          "activate, deactivate, lock, unlock, snapshot, restore, collect-garbage or" + " shell.")
  String operation;

  @Option(
      names = {"-c", "--component"},
      required = true,
      paramLabel = "PATH",
      description = "The service's package, usually a store path.")
  Path component;

  @Option(
      names = {"-C", "--container"},
      paramLabel = "NAME",
      description =
          "The container: a name looked up as a container file, or a file path"
              + " (default: the type's name).")
  String container;

  @Option(
      names = "--property",
      paramLabel = "KEY=VALUE",
      description = "A container property; overrides the container file's.")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "The name logs and PID files are kept under (default: the component's name).")
  String service;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = "Kill the activity after this many seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws IOException {
    Activity activity = activity();
    Path root = ((Main) spec.root().userObject()).resolvedRoot().toAbsolutePath();
    Container c = container(root);
    String moduleType =
        type != null
            ? type
            : c.type()
                .orElseThrow(
                    () ->
                        usage("Give --type: container '" + c.name() + "' names no type= property"));
    Path comp = realComponent();
    ActivationRequest request =
        new ActivationRequest(
            activity,
            moduleType,
            comp,
            c,
            service != null ? service : ActivationRequest.componentName(comp),
            Map.of(),
            root.resolve("state"),
            Duration.ofSeconds(timeoutSeconds));
    try {
      Path log = Activator.fromEnvironment(System.getenv()).run(request);
      spec.commandLine().getOut().println("log: " + log);
      return 0;
    } catch (ActivationException e) {
      var err = spec.commandLine().getErr();
      err.println("error: " + e.getMessage());
      e.logTail().forEach(line -> err.println("  | " + line));
      return ErrorHandler.FAILED;
    }
  }

  private Activity activity() {
    try {
      return Activity.parse(operation);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private Container container(Path root) throws StoreException {
    String name = container != null ? container : type;
    if (name == null) {
      throw usage("Give --type or --container");
    }
    if (container == null && name.contains("/")) {
      name = Path.of(name).getFileName().toString(); // a module path: its name is the container
    }
    Container c = Container.find(name, containerDirs(root)).orElse(null);
    if (c == null) {
      c = Container.named(name);
    }
    for (Map.Entry<String, String> p : properties.entrySet()) {
      c = c.with(p.getKey(), p.getValue());
    }
    return c;
  }

  private static List<Path> containerDirs(Path root) {
    List<Path> dirs = new ArrayList<>(List.of(root.resolve("containers")));
    String env = System.getenv("DYSNOMIA_CONTAINERS_PATH");
    for (String d : (env == null || env.isBlank() ? "/etc/dysnomia/containers" : env).split(":")) {
      if (!d.isBlank()) {
        dirs.add(Path.of(d));
      }
    }
    return dirs;
  }

  private Path realComponent() throws StoreException {
    try {
      return component.toRealPath();
    } catch (NoSuchFileException e) {
      throw new StoreException("Component '" + component + "' does not exist");
    } catch (IOException e) {
      throw new StoreException("Cannot resolve component '" + component + "': " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
