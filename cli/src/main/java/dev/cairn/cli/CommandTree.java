package dev.cairn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command tree, built only along the branch a command line names.
 *
 * <p>Picocli reflects over every command it is given (options, parameters, help texts) before it
 * parses anything: for some 35 commands that is about 0.15 s of a fresh JVM's time, paid by every
 * invocation, including each agent session a deployment starts on a target. So the tree is grown
 * lazily: the words of the command line that name commands ({@code store}, then {@code dump}) pick
 * one child at each level. When a word names no command, or none is given (help, typos,
 * completion), that level gets all its children, so usage, suggestions and errors are those of the
 * whole tree.
 */
final class CommandTree {
  private CommandTree() {}

  /** The top-level commands, in the order help lists them. */
  private static final List<Class<?>> TOP =
      List.of(
          StoreCommand.class,
          ProfileCommand.class,
          DeployCommand.class,
          QueryCommand.Query.class,
          QueryCommand.Visualize.class,
          ActivateCommand.class,
          AgentCommand.class,
          CaptureInfraCommand.class,
          CollectGarbageCommand.class,
          CopyClosureCommand.class,
          BootstrapCommand.class,
          ProcCommand.class);

  /** The commands that only group others. */
  private static final Map<Class<?>, List<Class<?>>> GROUPS =
      Map.of(
          StoreCommand.class,
          List.of(
              StoreAddCommand.class,
              NarCommands.Dump.class,
              NarCommands.Restore.class,
              NarCommands.HashCommand.class,
              StoreBuildCommand.class,
              QueryCommands.Closure.class,
              QueryCommands.References.class,
              QueryCommands.Referrers.class,
              QueryCommands.Info.class,
              StoreVerifyCommand.class,
              TransferCommands.Export.class,
              TransferCommands.Import.class,
              StoreGcCommand.class),
          ProfileCommand.class,
          List.of(
              ProfileCommand.Set.class,
              ProfileCommand.ListGenerations.class,
              ProfileCommand.Rollback.class,
              ProfileCommand.SwitchGeneration.class,
              ProfileCommand.DeleteGenerations.class),
          ProcCommand.class,
          List.of(
              ProcSwitchCommand.class,
              ProcStatusCommand.class,
              ProcLogsCommand.class,
              ProcControlCommands.Start.class,
              ProcControlCommands.Stop.class,
              ProcControlCommands.Restart.class,
              ProcIdsCommand.class));

  /** Global options that take a value, which the search for command words skips. */
  private static final Set<String> VALUED = Set.of("--root", "--store-dir");

  /** Returns the command line for {@code main} with the branch {@code args} names. */
  static CommandLine build(Main main, String[] args) {
    CommandLine root = new CommandLine(main);
    grow(root, TOP, words(args), 0);
    return root;
  }

  private static void grow(
      CommandLine parent, List<Class<?>> children, List<String> words, int depth) {
    Class<?> chosen = depth < words.size() ? named(children, words.get(depth)) : null;
    for (Class<?> child : chosen == null ? children : List.of(chosen)) {
      parent.addSubcommand(child);
      List<Class<?>> grandchildren = GROUPS.get(child);
      if (grandchildren != null) {
        CommandLine added = parent.getSubcommands().get(nameOf(child));
        grow(added, grandchildren, chosen == null ? List.of() : words, depth + 1);
      }
    }
  }

  private static Class<?> named(List<Class<?>> candidates, String word) {
    for (Class<?> c : candidates) {
      Command command = c.getAnnotation(Command.class);
      if (command.name().equals(word) || List.of(command.aliases()).contains(word)) {
        return c;
      }
    }
    return null;
  }

  private static String nameOf(Class<?> c) {
    return c.getAnnotation(Command.class).name();
  }

  /**
   * The words of {@code args} that are not options (nor global options' values), in order; none
   * when help is asked for before the second, so that it lists every command of its level.
   */
  private static List<String> words(String[] args) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.length && words.size() < 2; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      } else if (a.equals("-h") || a.equals("--help")) {
        return List.of();
      } else if (VALUED.contains(a)) {
        i++;
      } else if (!a.startsWith("-")) {
        words.add(a);
      }
    }
    return words;
  }
}
