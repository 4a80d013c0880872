package dev.cairn.cli;

import dev.cairn.process.GlobalParams;
import dev.cairn.process.IdAssignments;
import dev.cairn.process.Plan;
import dev.cairn.process.ProcessDeployer;
import dev.cairn.process.ProcessesFile;
import dev.cairn.process.ProcessesModel;
import dev.cairn.store.Generation;
import dev.cairn.store.LocalStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code cairn proc switch}: deploys a processes model, or switches generations. */
@Command(
    name = "switch",
    mixinStandardHelpOptions = true,
    description =
        "Deploy a processes model: stop what left or changed (dependents first), start what is"
            + " new (dependencies first), leave the rest running.")
final class ProcSwitchCommand extends ProcTask {
  @Option(
      names = {"-P", "--process-manager"},
      paramLabel = "PM",
      description = "cairn (the embedded supervisor; default), supervisord or sysvinit.")
  String processManager;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Base of all state (default: /var as root, ~/var otherwise).")
  Path stateDir;

  @Option(
      names = "--force-disable-user-change",
      description = "Create no users and switch to none (implied when not root).")
  boolean forceDisableUserChange;

  @Option(names = "--rollback", description = "Switch back to the previous generation.")
  boolean rollback;

  @Option(
      names = "--switch-to-generation",
      paramLabel = "N",
      description = "Switch to generation N.")
  Integer generation;

  @Option(names = "--list-generations", description = "List the generations and exit.")
  boolean listGenerations;

  @Option(names = "--undeploy", description = "Stop every process (a generation without any).")
  boolean undeploy;

  @Option(names = "--dry-run", description = "Print the plan; change nothing.")
  boolean dryRun;

  @Option(names = "--json", description = "Print the processes' states as JSON.")
  boolean json;

  @Parameters(paramLabel = "MODEL", arity = "0..1", description = "The processes model (YAML).")
  Path model;

  @Override
  int run(LocalStore store) throws IOException {
    ProcessDeployer deployer = deployer(store);
    if (listGenerations) {
      List<Generation> gens = deployer.generations();
      for (Generation g : gens) {
        out().println(ProfileCommand.row(store, g));
      }
      out().flush();
      if (gens.isEmpty()) {
        err().println("no process deployment of profile '" + profile + "' is recorded yet");
        err().flush();
      }
      return 0;
    }
    ProcessDeployer.Result result;
    if (rollback || generation != null) {
      result = deployer.switchGeneration(rollback ? null : generation, timeoutMillis());
    } else if (undeploy) {
      result = deployer.undeploy(timeoutMillis());
    } else {
      if (model == null) {
        throw new ParameterException(spec.commandLine(), "give the processes model to deploy");
      }
      result = deployer.switchTo(instantiate(), dryRun, timeoutMillis());
    }
    printPlan(result.plan());
    if (dryRun) {
      return 0;
    }
    result.generation().ifPresent(g -> err().println("generation " + g.number()));
    return printStatuses(result.statuses(), json);
  }

  private ProcessesModel instantiate() throws IOException {
    ProcessesFile file = ProcessesFile.read(model);
    Map<String, String> explicit = file.global();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path state =
        stateDir != null
            ? stateDir
            : explicit.containsKey("stateDir")
                ? Path.of(explicit.get("stateDir"))
                : root ? Path.of("/var") : Path.of(System.getProperty("user.home"), "var");
    String pm =
        processManager != null ? processManager : explicit.getOrDefault("processManager", "cairn");
    boolean noUserChange =
        forceDisableUserChange
            || Boolean.parseBoolean(explicit.getOrDefault("forceDisableUserChange", "false"));
    GlobalParams global =
        GlobalParams.derive(state, explicit, noUserChange, pm, System.getProperty("user.name"));
    IdAssignments ids = IdAssignments.load(IdAssignments.fileFor(model));
    return file.instantiate(global, ids);
  }

  private void printPlan(Plan plan) {
    var w = err();
    if (plan.isEmpty()) {
      w.println("nothing to change (" + plan.keep().size() + " running)");
    }
    plan.stop().forEach(n -> w.println("stop  " + n));
    plan.start().forEach(n -> w.println("start " + n));
    plan.keep().forEach(n -> w.println("keep  " + n));
    w.flush();
  }
}
