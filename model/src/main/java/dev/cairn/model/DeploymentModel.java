package dev.cairn.model;

import dev.cairn.store.StoreException;
import dev.cairn.store.yaml.YamlException;
import java.util.List;
import java.util.Map;

/**
 * A validated deployment: the distributed services, the infrastructure, where each service runs,
 * and every package resolved into a store recipe, ready to build.
 *
 * <p>Loading checks everything before anything is built: the shape of each file, names across
 * files, the distribution, the dependency rules and every expression. Errors are {@link
 * YamlException}s whose message starts with {@code file:line:column}.
 */
public final class DeploymentModel {
  private final Map<String, Service> services;
  private final Infrastructure infrastructure;
  private final List<Mapping> mappings;
  private final List<ResolvedService> resolved;
  private final Map<String, List<ResolvedPackage>> extraPackages;
  private final Map<String, Object> globals;

  DeploymentModel(
      Map<String, Service> services,
      Infrastructure infrastructure,
      List<Mapping> mappings,
      List<ResolvedService> resolved,
      Map<String, List<ResolvedPackage>> extraPackages,
      Map<String, Object> globals) {
    this.services = Values.copy(services);
    this.infrastructure = infrastructure;
    this.mappings = List.copyOf(mappings);
    this.resolved = List.copyOf(resolved);
    this.extraPackages = Values.copy(extraPackages);
    this.globals = globals;
  }

  /**
   * Reads and checks a deployment.
   *
   * @param globals global parameters for expressions ({@code ${{ global.stateDir }}}), such as
   *     {@code --extra-params}: strings, numbers, booleans, lists and maps of them
   * @throws YamlException with {@code file:line:column} and a hint: an unknown key or wrong type, a
   *     service whose {@code name} differs from its key, an unknown service, target or container in
   *     the distribution, a dependency on an unknown, undistributed or {@code package} service, a
   *     {@code dependsOn}/{@code activatesAfter} cycle, a missing, unknown or mistyped template
   *     parameter, an expression naming something that does not exist, or a recipe the store's
   *     recipe format rejects
   * @throws StoreException if a file cannot be read, or a global parameter is null or of a type
   *     models do not know
   */
  public static DeploymentModel load(ModelFiles files, Map<String, ?> globals)
      throws StoreException {
    Map<String, Object> normalised;
    try {
      normalised = Values.normaliseMap(globals);
    } catch (IllegalArgumentException e) {
      throw new StoreException(e.getMessage() + "; give strings, numbers, booleans, lists or maps");
    }
    return ModelLoader.load(files, normalised);
  }

  /** The distributed services, in services-model order; services not distributed are left out. */
  public Map<String, Service> services() {
    return services;
  }

  /** The infrastructure model. */
  public Infrastructure infrastructure() {
    return infrastructure;
  }

  /** Every mapping, in distribution order. */
  public List<Mapping> mappings() {
    return mappings;
  }

  /** The mappings of one service, in distribution order (empty for an unknown name). */
  public List<Mapping> mappings(String service) {
    return mappings.stream().filter(m -> m.service().equals(service)).toList();
  }

  /**
   * Every distributed service with its package resolved, in services-model order. Deterministic:
   * the same files and globals give equal recipes; moving a dependency changes the packages of the
   * services whose expressions read its target.
   */
  public List<ResolvedService> resolve() {
    return resolved;
  }

  /** The packages model's extra packages, by target, resolved. */
  public Map<String, List<ResolvedPackage>> extraPackages() {
    return extraPackages;
  }

  /** The global parameters, normalised (integers as longs). */
  public Map<String, Object> globals() {
    return globals;
  }
}
