package dev.cairn.activation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One activity to perform on one service.
 *
 * @param activity what to do
 * @param type the activation module: a built-in name ({@code process}, {@code wrapper}…), the name
 *     of an executable in the modules path, or an absolute path to one
 * @param component the service's package (usually a store path), an absolute path
 * @param container where the service lives; its properties become the module's environment
 * @param service the name logs and PID files are kept under; unique per target (the deploy engine
 *     may pass a mapping key)
 * @param environment extra environment for the module, e.g. the service's attributes; overrides
 *     container properties of the same name
 * @param stateDir the target's state directory: modules keep PID files ({@code run/}), logs ({@code
 *     logs/}), snapshots and state marks there; given to external modules as {@code
 *     DYSNOMIA_STATEDIR}
 * @param timeout the bound on the whole activity; the module's processes are killed after it
 */
public record ActivationRequest(
    Activity activity,
    String type,
    Path component,
    Container container,
    String service,
    Map<String, String> environment,
    Path stateDir,
    Duration timeout) {
  /** The timeout of {@link #of}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private static final Pattern STORE_NAME = Pattern.compile("[0-9a-df-np-sv-z]{32}-(.+)");

  /** Checks every field and copies the environment. */
  public ActivationRequest {
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(timeout, "timeout");
    if (type.isBlank()) {
      throw new IllegalArgumentException("Module type must not be empty");
    }
    if (!component.isAbsolute() || !stateDir.isAbsolute()) {
      throw new IllegalArgumentException(
          "Component '" + component + "' and state dir '" + stateDir + "' must be absolute paths");
    }
    if (service.isEmpty()
        || service.equals(".")
        || service.equals("..")
        || service.contains("/")
        || service.contains("\0")) {
      throw new IllegalArgumentException(
          "Service name '" + service + "' must be usable as a file name (no '/', not . or ..)");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Timeout " + timeout + " must be positive");
    }
    environment.forEach(Container::checkProperty);
    environment = Map.copyOf(environment);
  }

  /**
   * A request with the defaults: the container named after the type with no properties, the service
   * named after the component (without a store hash), no extra environment, {@link
   * #DEFAULT_TIMEOUT}.
   */
  public static ActivationRequest of(
      Activity activity, String type, Path component, Path stateDir) {
    return new ActivationRequest(
        activity,
        type,
        component,
        Container.named(Path.of(type).getFileName().toString()),
        componentName(component),
        Map.of(),
        stateDir,
        DEFAULT_TIMEOUT);
  }

  /** The component's name as Dysnomia derives it: its file name without a store path's hash. */
  public static String componentName(Path component) {
    Path name = component.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("Component '" + component + "' has no file name");
    }
    var m = STORE_NAME.matcher(name.toString());
    return m.matches() ? m.group(1) : name.toString();
  }

  /** This request for another activity (e.g. the deactivate of a rollback). */
  public ActivationRequest withActivity(Activity a) {
    return new ActivationRequest(
        a, type, component, container, service, environment, stateDir, timeout);
  }

  /** This request in another container. */
  public ActivationRequest withContainer(Container c) {
    return new ActivationRequest(
        activity, type, component, c, service, environment, stateDir, timeout);
  }

  /** This request under another service name. */
  public ActivationRequest withService(String s) {
    return new ActivationRequest(
        activity, type, component, container, s, environment, stateDir, timeout);
  }

  /** This request with extra environment for the module. */
  public ActivationRequest withEnvironment(Map<String, String> env) {
    return new ActivationRequest(
        activity, type, component, container, service, env, stateDir, timeout);
  }

  /** This request with another timeout. */
  public ActivationRequest withTimeout(Duration t) {
    return new ActivationRequest(
        activity, type, component, container, service, environment, stateDir, t);
  }

  /**
   * The environment an external module or a started program receives, as Dysnomia gives it: the
   * container's properties (without {@code type}), then {@link #environment()}, then {@code PATH}
   * (the caller's) and {@code DYSNOMIA_STATEDIR}.
   */
  Map<String, String> moduleEnvironment() {
    Map<String, String> env = new TreeMap<>(container.environment());
    env.putAll(environment);
    String path = System.getenv("PATH");
    env.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
    env.put("DYSNOMIA_STATEDIR", stateDir.toString());
    return env;
  }
}
