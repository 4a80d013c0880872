package dev.cairn.cli;

import dev.cairn.agent.SshAddress;
import dev.cairn.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn bootstrap}: makes machines with sshd and a JVM deployment targets, by installing
 * this Cairn (launcher, jar and libraries) there over ssh. The new distribution is unpacked beside
 * the old one and swapped in by renames, so an interrupted bootstrap leaves the previous one.
 */
@Command(
    name = "bootstrap",
    mixinStandardHelpOptions = true,
    description =
        "Install Cairn on machines over ssh: the launcher and jars into"
            + " <prefix>/share/cairn/dist and a 'cairn' command into <prefix>/bin. Refuses a"
            + " machine without Java 17 or newer.")
final class BootstrapCommand implements Callable<Integer> {
  private static final Pattern JAVA_VERSION = Pattern.compile("version \"(1\\.)?(\\d+)");

  @Parameters(arity = "1..*", paramLabel = "[USER@]HOST[:PORT]", description = "The machines.")
  List<String> targets;

  @Option(
      names = "--prefix",
      paramLabel = "DIR",
      description = "Where to install on the machines (default: ~/.local there).")
  String prefix;

  @Option(
      names = "--dist",
      paramLabel = "DIR",
      description =
          "The distribution to install: cairn.jar and lib/ (default: the running cairn.jar's"
              + " directory, e.g. cli/target).")
  Path dist;

  @Mixin TransportOptions transport;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path from = dist != null ? dist : runningDistribution();
    Path launcher = launcher(from);
    for (String t : targets) {
      SshAddress address = parse(t);
      SshCommand ssh = new SshCommand(address, Duration.ofSeconds(Math.max(60, transport.timeout)));
      checkJava(t, ssh);
      install(t, ssh, from, launcher);
    }
    return 0;
  }

  private static SshAddress parse(String t) throws StoreException {
    try {
      return SshAddress.parse(t);
    } catch (IllegalArgumentException e) {
      throw new StoreException(e.getMessage());
    }
  }

  private static Path runningDistribution() throws StoreException {
    try {
      Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(jar) && Files.isDirectory(jar.resolveSibling("lib"))) {
        return jar.getParent();
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // fall through to the message
    }
    throw new StoreException(
        "this cairn does not run from a distribution (cairn.jar beside lib/); build one with"
            + " 'mvn package -pl cli -am' and pass --dist cli/target");
  }

  /** The launcher script: beside the jar, or at the root of the source checkout. */
  private static Path launcher(Path from) throws StoreException {
    if (!Files.isRegularFile(from.resolve("cairn.jar"))
        || !Files.isDirectory(from.resolve("lib"))) {
      throw new StoreException(from + " is not a distribution: it needs cairn.jar and lib/");
    }
    for (Path p : List.of(from.resolve("cairn"), from.resolve("../../cairn").normalize())) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new StoreException("no 'cairn' launcher script beside " + from + " or two levels up");
  }

  private void checkJava(String t, SshCommand ssh) throws IOException {
    String java = "\"${JAVA_HOME:+$JAVA_HOME/bin/}java\"";
    SshCommand.Result r = ssh.run(java + " -version 2>&1");
    Matcher m = JAVA_VERSION.matcher(r.output());
    if (r.exit() == 255) {
      throw new StoreException("cannot reach " + t + " over ssh: " + r.output());
    }
    if (r.exit() != 0 || !m.find()) {
      throw new StoreException(
          t
              + " has no Java on its PATH ("
              + (r.output().isEmpty() ? "exit " + r.exit() : r.output().lines().findFirst().get())
              + "); Cairn needs Java 17 or newer there: install one (e.g. apt-get install"
              + " openjdk-17-jre-headless) or set JAVA_HOME in the account's environment, then"
              + " run cairn bootstrap again");
    }
    int version = Integer.parseInt(m.group(2));
    if (version < 17) {
      throw new StoreException(
          t
              + " has Java "
              + version
              + "; Cairn needs Java 17 or newer there: install one (e.g. apt-get install"
              + " openjdk-17-jre-headless) or point JAVA_HOME at one, then bootstrap again");
    }
  }

  private void install(String t, SshCommand ssh, Path from, Path launcher) throws IOException {
    String p = prefix == null ? "\"$HOME/.local\"" : SshCommand.quote(prefix);
    String unpack =
        String.join(
            " && ",
            "set -e",
            "p=" + p,
            "d=\"$p/share/cairn/dist\"",
            "rm -rf \"$d.new\" \"$d.old\"",
            "mkdir -p \"$d.new\" \"$p/bin\"",
            "tar -x -C \"$d.new\"",
            "if [ -e \"$d\" ]; then mv \"$d\" \"$d.old\"; fi",
            "mv \"$d.new\" \"$d\"",
            "rm -rf \"$d.old\"",
            "ln -sfn \"$d/cairn\" \"$p/bin/cairn\"",
            "\"${JAVA_HOME:+$JAVA_HOME/bin/}java\" -jar \"$d/cairn.jar\" --version",
            "echo \"$p/bin/cairn\"");
    List<String> tar =
        List.of(
            "tar",
            "-c",
            // Native libraries unpacked here are for this machine's C library, maybe not the
            // target's; the target unpacks its own (SqliteNative).
            "--exclude=lib/native",
            "-C",
            launcher.getParent().toString(),
            launcher.getFileName().toString(),
            "-C",
            from.toAbsolutePath().toString(),
            "cairn.jar",
            "lib");
    SshCommand.Result r = ssh.pipe(tar, unpack);
    if (r.exit() != 0) {
      throw new StoreException(
          "installing Cairn on " + t + " failed (exit " + r.exit() + "): " + r.output());
    }
    List<String> said = r.output().lines().toList();
    spec.commandLine()
        .getOut()
        .printf(
            "installed %s on %s: %s%n",
            said.size() > 1 ? said.get(said.size() - 2) : "Cairn",
            t,
            said.isEmpty() ? "" : said.get(said.size() - 1));
    spec.commandLine().getOut().flush();
  }
}
