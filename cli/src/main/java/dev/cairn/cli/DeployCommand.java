package dev.cairn.cli;

import dev.cairn.deploy.DeployOptions;
import dev.cairn.deploy.DeployReport;
import dev.cairn.deploy.Deployer;
import dev.cairn.deploy.TransitionException;
import dev.cairn.store.Generation;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StoreException;
import dev.cairn.store.build.BuildOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn deploy}: disnix-env's counterpart. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description =
        "Deploy services onto targets: build what changed, deactivate what left (dependents"
            + " first), activate what is new (dependencies first), roll back on any failure.",
    footer = {
      "",
      "Exit codes: 0 deployed; 1 failed and rolled back (or refused: nothing changed);"
          + " 4 failed and the rollback failed too (the output says how to recover)."
    })
final class DeployCommand extends StoreTask {
  static final int ROLLBACK_FAILED = 4;

  @Mixin ModelOptions model;

  @Mixin TransportOptions transport;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  /** What to do instead of deploying the given model. */
  static final class Mode {
    @Option(names = "--undeploy", description = "Stop everything the profile deployed.")
    boolean undeploy;

    @Option(names = "--rollback", description = "Go back to the previous generation.")
    boolean rollback;

    @Option(names = "--switch-to-generation", paramLabel = "N", description = "Go to generation N.")
    Integer switchTo;

    @Option(names = "--list-generations", description = "List the deployment's generations.")
    boolean list;

    @Option(
        names = "--delete-generations",
        paramLabel = "N|Nd|old",
        arity = "1..*",
        description = "Delete generations (never the current one).")
    List<String> delete;
  }

  @Option(
      names = {"-p", "--profile"},
      defaultValue = "default",
      paramLabel = "NAME",
      description = "The deployment's profile (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--dry-run", description = "Print the plan: what builds, stops and starts.")
  boolean dryRun;

  @Option(names = "--no-lock", description = "Do not lock the targets.")
  boolean noLock;

  @Option(names = "--no-upgrade", description = "Activate everything; deactivate nothing.")
  boolean noUpgrade;

  @Mixin InterfaceOption defaultInterface;

  @Option(
      names = {"-j", "--max-jobs"},
      paramLabel = "N",
      description = "Builds at once.")
  Integer maxJobs;

  @Option(
      names = "--activity-timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = "Bound on one activity on a target (default: ${DEFAULT-VALUE}).")
  long activityTimeout;

  @Option(
      names = {"-m", "--max-concurrent-transfers"},
      paramLabel = "N",
      defaultValue = "2",
      description = "Targets receiving closures at once (default: ${DEFAULT-VALUE}).")
  int maxTransfers;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  int run(LocalStore store) throws IOException {
    DeployOutput output = new DeployOutput(out(), err(), store, json);
    Deployer deployer =
        new Deployer(
            store,
            Targets.connector(store, Duration.ofSeconds(activityTimeout), transport),
            output.events(),
            output.buildEvents());
    if (mode.list) {
      return output.generations(profile, deployer.generations(profile));
    }
    if (mode.delete != null) {
      for (Generation g : deployer.deleteGenerations(profile, mode.delete)) {
        out().println("deleted generation " + g.number());
      }
      return 0;
    }
    Thread hook = interruptHandler(deployer);
    try {
      DeployReport report = perform(deployer);
      return output.report(report);
    } catch (TransitionException e) {
      output.failure(e);
      return e.rolledBack() ? ErrorHandler.FAILED : ROLLBACK_FAILED;
    } catch (IOException | RuntimeException e) {
      if (!interrupted) {
        throw e;
      }
      // The JVM ends as soon as the hook does, which is once this returns: say why here.
      int code = new ErrorHandler(globals()).report(e, err());
      err().flush();
      return code;
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running, and the JVM ends with it.
      }
    }
  }

  private DeployReport perform(Deployer deployer) throws IOException {
    DeployOptions options = options();
    if (mode.undeploy) {
      return deployer.undeploy(options, dryRun);
    }
    if (mode.rollback || mode.switchTo != null) {
      return deployer.switchGeneration(options, Optional.ofNullable(mode.switchTo), dryRun);
    }
    if (!model.given()) {
      throw new StoreException(
          "nothing to deploy: give -s services.yaml -i infrastructure.yaml -d distribution.yaml"
              + " (or -D deployment.yaml), or one of --undeploy, --rollback,"
              + " --switch-to-generation, --list-generations");
    }
    return deployer.deploy(
        model.load(),
        options,
        defaultInterface.resolved(),
        transport.defaultTargetProperty(),
        dryRun);
  }

  private DeployOptions options() {
    BuildOptions defaults = BuildOptions.defaults();
    BuildOptions build =
        new BuildOptions(false, maxJobs == null ? defaults.maxJobs() : maxJobs, defaults.timeout());
    return new DeployOptions(
        profile, !noLock, !noUpgrade, build, Duration.ofSeconds(activityTimeout), maxTransfers);
  }

  private final CountDownLatch done = new CountDownLatch(1);

  /** Whether the hook below has run (Ctrl-C, or another signal that ends the JVM). */
  private volatile boolean interrupted;

  /**
   * Ctrl-C stops the deployment: the hook asks it to stop, says what happens then (a transition's
   * running activities finish before it rolls back, which may take a while), and waits for it.
   */
  private Thread interruptHandler(Deployer deployer) {
    Thread hook =
        new Thread(
            () -> {
              interrupted = true;
              System.err.println("cairn: interrupted; " + deployer.cancel());
              System.err.flush();
              try {
                done.await(10, TimeUnit.MINUTES);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "cairn-deploy-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }
}
