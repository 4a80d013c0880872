package dev.cairn.cli;

import dev.cairn.store.StoreLayout;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code cairn} command: global options and the command tree. */
@Command(
    name = "cairn",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Declarative, reproducible deployment of service-oriented systems.",
    usageHelpAutoWidth = true)
public final class Main {
  @Option(
      names = "--root",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Cairn's state directory (default: $CAIRN_ROOT, else /var/lib/cairn for root,"
              + " ~/.local/share/cairn otherwise).")
  Path root;

  @Option(
      names = "--store-dir",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "The logical store directory, e.g. /nix/store (default: $CAIRN_STORE_DIR, else"
              + " <root>/store). Files of a directory outside the root live under <root>/<DIR>.")
  String storeDir = blankToNull(System.getenv("CAIRN_STORE_DIR"));

  @Option(
      names = "--stacktrace",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error.")
  boolean stacktrace;

  /** The global options without a value, and those with one, for the --version fast path. */
  private static final Set<String> GLOBAL_FLAGS = Set.of("--version", "--stacktrace");

  private static final Set<String> GLOBAL_VALUED = Set.of("--root", "--store-dir");

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    Main session = agentSession(args);
    if (session != null) {
      System.exit(session.serveSession()); // standard output carries the protocol, as it is
    }
    System.exit(execute(new FileOutputStream(FileDescriptor.out), args));
  }

  /**
   * Runs the command line with standard output going to {@code stdout}, and returns the exit code.
   * A write to it that failed (a full disk) fails the command, which System.out would hide; a
   * reader that went away ({@code | head}) does not.
   */
  static int execute(OutputStream stdout, String... args) {
    WatchedOutput watched = new WatchedOutput(stdout);
    PrintStream saved = System.out;
    // As the JDK makes System.out: flushed at each line, in the terminal's or the default charset.
    String encoding = System.getProperty("sun.stdout.encoding");
    Charset charset = encoding != null ? Charset.forName(encoding) : Charset.defaultCharset();
    System.setOut(new PrintStream(new BufferedOutputStream(watched, 8192), true, charset));
    try {
      int code = dispatch(args);
      System.out.flush();
      return watched.verdict(code, System.err);
    } finally {
      System.setOut(saved);
    }
  }

  private static int dispatch(String[] args) {
    if (asksOnlyForTheVersion(args)) {
      // The one answer scripts ask for most: given without building the command tree (about a
      // tenth of a second of picocli work for some 30 commands).
      System.out.println(new Version().getVersion()[0]);
      return 0;
    }
    FastPath fast = treeCommand(args);
    if (fast == null) {
      fast = copyClosure(args);
    }
    if (fast != null) {
      return fast.run(new PrintWriter(System.err, true));
    }
    return run(args);
  }

  /** A command parsed without picocli, with its global options read into {@code main}. */
  record FastPath(Main main, Callable<Integer> command) {
    /** Runs the command, reporting a failure to {@code err} as picocli would; the exit code. */
    int run(PrintWriter err) {
      try {
        return command.call();
      } catch (Exception e) {
        return new ErrorHandler(main).report(e, err);
      } finally {
        err.flush();
      }
    }
  }

  /**
   * The command line {@code [global options] store hash PATH} or {@code store dump PATH}, the two
   * commands that read a file tree and nothing else, or null for any other (including one with an
   * option after {@code store}, or a PATH that looks like an option or an argument file), which
   * picocli parses. On a small tree their own work takes less than the tenth of a second picocli
   * spends building the command tree, so they run without it, as {@code --version} does: {@code
   * store hash} of one file took 0.23 s through picocli and takes 0.14 s.
   */
  static FastPath treeCommand(String... args) {
    int n = args.length - 3;
    if (n < 0 || !args[n].equals("store")) {
      return null;
    }
    String command = args[n + 1];
    String path = args[n + 2];
    if (!(command.equals("hash") || command.equals("dump"))
        || path.isEmpty()
        || path.startsWith("-")
        || path.startsWith("@")) {
      return null;
    }
    Path tree = pathOrNull(path);
    Main main = new Main();
    if (tree == null || globals(args, n, Set.of("--stacktrace"), main) == null) {
      return null;
    }
    return new FastPath(
        main,
        command.equals("hash") ? new NarCommands.HashCommand(tree) : new NarCommands.Dump(tree));
  }

  /**
   * The command line {@code [global options] copy-closure --to ADDRESS PATH…} (or {@code
   * --to=ADDRESS}), options in that order and no others, or null for any other, which picocli
   * parses (and the same copy then starts about a tenth of a second later: its connection to the
   * target, which the whole copy waits for, starts only once the command line is read). A value
   * that looks like an option or an argument file ({@code @FILE}) also goes to picocli.
   */
  static FastPath copyClosure(String... args) {
    List<String> line = List.of(args);
    int n = line.indexOf("copy-closure");
    if (n < 0 || n + 2 >= args.length) {
      return null;
    }
    String to;
    int first;
    if (args[n + 1].startsWith("--to=")) {
      to = args[n + 1].substring("--to=".length());
      first = n + 2;
    } else if (args[n + 1].equals("--to")) {
      to = args[n + 2];
      first = n + 3;
    } else {
      return null;
    }
    List<String> paths = line.subList(first, args.length);
    if (!plainValue(to) || paths.isEmpty() || !paths.stream().allMatch(Main::plainValue)) {
      return null;
    }
    Main main = new Main();
    if (globals(args, n, Set.of("--stacktrace"), main) == null) {
      return null;
    }
    configure();
    return new FastPath(main, new CopyClosureCommand(main, to, new ArrayList<>(paths)));
  }

  /**
   * Whether {@code arg} is a value picocli would take as it is: not an option, nor {@code @FILE}.
   */
  private static boolean plainValue(String arg) {
    return !arg.isEmpty() && !arg.startsWith("-") && !arg.startsWith("@");
  }

  /**
   * The global options of {@code [--root DIR] [--store-dir DIR] agent --stdio}, the command line a
   * coordinator sends over ssh, or null for any other, which picocli parses.
   */
  static Main agentSession(String... args) {
    int n = args.length - 2;
    if (n < 0 || !args[n].equals("agent") || !args[n + 1].equals("--stdio")) {
      return null;
    }
    Main main = new Main();
    return globals(args, n, Set.of(), main) == null ? null : main;
  }

  /**
   * Serves an agent session as {@code cairn agent --stdio} does, without building the command tree:
   * picocli's reflection over the agent command costs about a tenth of a second, and a deployment
   * starts a session on every target.
   */
  int serveSession() {
    configure();
    PrintWriter err = new PrintWriter(System.err, true);
    Callable<Integer> serve =
        () -> AgentCommand.stdio(StoreLayout.of(resolvedRoot(), storeDir), err);
    return new FastPath(this, serve).run(err);
  }

  /**
   * Whether {@code args} are one {@code --version} (or {@code -V}) and, around it, only global
   * options, each with a value where it takes one ({@code --root R --store-dir S --version}, as a
   * wrapper script may pass): picocli would print the version and do nothing else. Anything else,
   * including a value that looks like an option, goes to picocli, which also says what is wrong.
   */
  static boolean asksOnlyForTheVersion(String... args) {
    Set<String> seen = globals(args, args.length, GLOBAL_FLAGS, new Main());
    return seen != null && seen.contains("--version");
  }

  /**
   * Reads {@code args[0..end)} as global options into {@code into}, for the fast paths: each given
   * once (picocli refuses an option given twice), the valued ones with a non-empty value ({@code
   * --root=DIR}, or {@code --root DIR} where DIR does not look like an option), and of the flags
   * only {@code flags} ({@code -V} counts as {@code --version}). Returns the options seen, or null
   * for anything else: picocli then parses the line, and says what is wrong with it.
   */
  private static Set<String> globals(String[] args, int end, Set<String> flags, Main into) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < end; i++) {
      String a = args[i];
      int eq = a.indexOf('=');
      String option = a.equals("-V") ? "--version" : eq < 0 ? a : a.substring(0, eq);
      String value = null;
      if (flags.contains(option)) {
        if (eq >= 0) {
          return null;
        }
      } else if (!GLOBAL_VALUED.contains(option)) {
        return null;
      } else if (eq >= 0) {
        value = a.substring(eq + 1);
      } else if (++i < end && !args[i].startsWith("-")) {
        value = args[i];
      } else {
        return null;
      }
      if ("".equals(value) || (value != null && value.startsWith("@")) || !seen.add(option)) {
        return null; // an empty value, an argument file, an option given twice: picocli says
      }
      if (option.equals("--root")) {
        into.root = pathOrNull(value);
        if (into.root == null) {
          return null;
        }
      } else if (option.equals("--store-dir")) {
        into.storeDir = value;
      } else if (option.equals("--stacktrace")) {
        into.stacktrace = true;
      }
    }
    return seen;
  }

  /**
   * {@code arg} as a path, or null if it cannot be one here (a name the file-system encoding cannot
   * represent, such as a non-ASCII name under the C locale), which picocli then reports as an
   * invalid value rather than the fast path failing with a stack trace.
   */
  private static Path pathOrNull(String arg) {
    try {
      return Path.of(arg);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /**
   * Converts a command-line argument to a path, as picocli's own converter does, with a message
   * that says what to do when Java cannot represent the name: under the C locale, Java reads file
   * names as ASCII, and a name such as {@code café} is then no path at all.
   */
  static Path toPath(String arg) {
    try {
      return Path.of(arg);
    } catch (InvalidPathException e) {
      throw new TypeConversionException(pathError(e));
    }
  }

  /** What is wrong with the path of {@code e}, and what to do under the C locale. */
  static String pathError(InvalidPathException e) {
    return "'"
        + e.getInput()
        + "' is not a path Java can use here ("
        + e.getReason()
        + ")"
        + localeHint(System.getProperty("sun.jnu.encoding"));
  }

  /** What to do about a file name Java cannot represent, given the charset it reads them in. */
  static String localeHint(String fileNameCharset) {
    if (fileNameCharset == null || fileNameCharset.replace("-", "").equalsIgnoreCase("UTF8")) {
      return "";
    }
    return "; Java reads file names as "
        + fileNameCharset
        + ", from the locale: run Cairn with a UTF-8 locale, e.g. LANG=C.UTF-8";
  }

  /**
   * Picocli registers converters for java.sql and java.time types by reflection, initialising those
   * classes, for every command it builds (some 14 ms of each command's start-up); no option of
   * Cairn's has such a type (CommandTreeTest checks).
   */
  static final String UNUSED_CONVERTERS = "java\\.(sql|time)\\..*";

  /** Runs the command line and returns the exit code. */
  public static int run(String... args) {
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", UNUSED_CONVERTERS);
    }
    configure();
    Main main = new Main();
    CommandLine cl = CommandTree.build(main, args);
    cl.setExecutionExceptionHandler(new ErrorHandler(main));
    cl.setParameterExceptionHandler(Main::usageError);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.registerConverter(Path.class, Main::toPath); // for every command: build() added them
    return cl.execute(args);
  }

  /**
   * A command line picocli cannot read: said as every other error is ({@code error: …}), with
   * picocli's suggestions for a mistyped word, and where the command's help is, rather than the
   * whole of it (which pushed the error itself off the screen).
   */
  static int usageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("error: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("see '" + cl.getCommandSpec().qualifiedName() + " --help'");
    err.flush();
    return cl.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** The system properties every command runs with, unless the user set them. */
  private static void configure() {
    if (System.getProperty("slf4j.provider") == null) {
      // The one logging back-end on the class path (for sqlite-jdbc), named rather than looked
      // for: SLF4J's service lookup scans every jar, some 6 ms of each command that opens a store.
      System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        System.setProperty("slf4j.internal.verbosity", "WARN"); // else it reports the choice
      }
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Returns the root the user chose, or the default for this user. */
  Path resolvedRoot() {
    if (root != null) {
      return root;
    }
    String env = System.getenv("CAIRN_ROOT");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    if ("root".equals(System.getProperty("user.name"))) {
      return Path.of("/var/lib/cairn");
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "cairn");
  }
}
