package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher of a distribution: the JIT directives it gives the JVM, and a standard output that
 * carries only the command's own (an agent speaks its protocol there).
 */
class LauncherIT {
  @TempDir Path tmp;

  private record Run(int exit, String stdout, String stderr) {}

  private Run launch(Path dist, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", dist.resolve("cairn").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("CAIRN_JAVA_OPTS");
    pb.environment().putAll(env);
    Path stderr = tmp.resolve("stderr");
    pb.redirectError(stderr.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(stderr));
  }

  /** A distribution whose class-data archive counts as made, so that no training run starts. */
  private Path distribution() throws Exception {
    return distribution(System.getenv("JAVA_HOME"));
  }

  /** As {@link #distribution()}, for launches with {@code javaHome} (null: none) as JAVA_HOME. */
  private Path distribution(String javaHome) throws Exception {
    Path d = TestDistribution.in(tmp.resolve("dist"));
    Files.write(d.resolve("cairn.jsa"), new byte[0]);
    Files.writeString(d.resolve("cairn.jsa.java"), launcherJava(javaHome) + "\n");
    return d;
  }

  /** The java command the launcher runs with {@code javaHome} as JAVA_HOME (null: none). */
  private static String launcherJava(String javaHome) {
    return javaHome == null || javaHome.isEmpty() ? "java" : javaHome + "/bin/java";
  }

  @Test
  void theJvmCompilesWithTheDirectivesAndPrintsNothingOfItsOwnOnStdout() throws Exception {
    Path d = distribution();

    Run plain = launch(d, Map.of(), "--version");
    assertThat(plain.exit()).as(plain.stderr()).isZero();
    assertThat(plain.stdout()).matches("cairn \\S+\n");
    assertThat(plain.stderr()).isEmpty();
    Path jit = d.resolve("cairn.jit.json");
    assertThat(Files.readString(jit)).contains("sun/security/provider/SHA2.*", "Exclude: true");

    // The JVM's own output, shown again on request, proves that it read the file: a file it
    // could not parse would have stopped it.
    Run shown = launch(d, Map.of("CAIRN_JAVA_OPTS", "-XX:+DisplayVMOutput"), "--version");
    assertThat(shown.exit()).as(shown.stderr()).isZero();
    assertThat(shown.stdout()).isEqualTo("2 compiler directives added\n" + plain.stdout());
  }

  /**
   * On JDK 24 and later, which warn on every start of a program that loads a native library without
   * being allowed to, a command that opens the store (and so loads SQLite's) prints nothing of the
   * sort: the jar's manifest allows it. Runs with such a JDK where one is installed beside the
   * default (Temurin 25 on these machines); the rest of the suite runs on the default.
   */
  @Test
  void aNewerJdkOpensTheStoreWithoutWarnings() throws Exception {
    Path javaHome = newerJdk();
    Assumptions.assumeTrue(javaHome != null, "no JDK 24 or later under /usr/lib/jvm");
    Path d = distribution(javaHome.toString());

    Run r =
        launch(
            d,
            Map.of("JAVA_HOME", javaHome.toString()),
            "--root",
            tmp.resolve("root").toString(),
            "store",
            "verify");

    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("checked 0 paths: all good\n");
    assertThat(r.stderr()).isEmpty();
  }

  /**
   * The launcher's archive is the JVM's that made it: a JDK >= 24 gets one of its own (its class
   * lists number every class, which the launcher's merge of several lists must not repeat), and
   * maps it; back on the default JDK, the launcher makes one for that again.
   */
  @Test
  void aNewerJdkGetsAnArchiveOfItsOwn() throws Exception {
    Path javaHome = newerJdk();
    Assumptions.assumeTrue(javaHome != null, "no JDK 24 or later under /usr/lib/jvm");
    Path d = TestDistribution.packed(tmp.resolve("dist"));
    Map<String, String> newer = Map.of("JAVA_HOME", javaHome.toString());

    Run trained = launch(d, newer, "--version");
    assertThat(trained.exit()).as(trained.stderr()).isZero();
    assertThat(trained.stderr()).contains("preparing the start-up archive");
    assertThat(Files.readString(d.resolve("cairn.jsa.java"))).isEqualTo(javaHome + "/bin/java\n");
    Path log = tmp.resolve("cds.log");
    Map<String, String> logged = new HashMap<>(newer);
    logged.put("CAIRN_JAVA_OPTS", "-Xlog:cds=info:file=" + log);
    Run mapped = launch(d, logged, "--version");
    assertThat(mapped.stderr()).isEmpty();
    assertThat(Files.readString(log))
        .contains("Opened shared archive file " + d.resolve("cairn.jsa"));

    Map<String, String> byDefault = new HashMap<>();
    byDefault.put("JAVA_HOME", ""); // the launcher runs `java` from the PATH
    Run again = launch(d, byDefault, "--version");
    assertThat(again.exit()).as(again.stderr()).isZero();
    assertThat(again.stderr()).contains("preparing the start-up archive");
    assertThat(Files.readString(d.resolve("cairn.jsa.java"))).isEqualTo("java\n");
  }

  /**
   * A JAVA_HOME without a java is a user's mistake, said in one line before anything starts:
   * neither a training run with a java that is not there nor the shell's own error.
   */
  @Test
  void aJavaHomeWithoutJavaIsSaidPlainly() throws Exception {
    Path d = distribution();
    Path noJdk = Files.createDirectories(tmp.resolve("no-jdk"));

    Run r = launch(d, Map.of("JAVA_HOME", noJdk.toString()), "--version");

    assertThat(r.exit()).isEqualTo(127);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr())
        .isEqualTo(
            "cairn: JAVA_HOME is "
                + noJdk
                + ", which has no bin/java; point it at a JDK 17 or newer, or unset it to use the"
                + " java on the PATH\n");
    assertThat(d.resolve("cairn.jsa")).isEmptyFile(); // the stand-in archive, not remade
  }

  /** A JDK of version 24 or later under /usr/lib/jvm, by its release file; null if none. */
  private static Path newerJdk() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      for (Path home : homes.sorted().toList()) {
        Path release = home.resolve("release");
        if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))) {
          Matcher m =
              Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
          if (m.find() && Integer.parseInt(m.group(1)) >= 24) {
            return home;
          }
        }
      }
    }
    return null;
  }

  /**
   * The class-data archive is used where it was made, not relocated: the JDK's default rewrites
   * every pointer in it on each start. A real archive here holds the JDK's default classes only,
   * made as the launcher makes its own, so that no training run starts.
   */
  @Test
  void theClassDataArchiveIsMappedWithoutRelocation() throws Exception {
    Path d = TestDistribution.in(tmp.resolve("dist"));
    String java = launcherJava(System.getenv("JAVA_HOME"));
    Files.writeString(d.resolve("cairn.jsa.java"), java + "\n"); // made by the launcher's java
    Process dump =
        new ProcessBuilder(
                java,
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-Xshare:dump",
                "-XX:SharedArchiveFile=" + d.resolve("cairn.jsa"))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("dump.log").toFile())
            .start();
    assertThat(dump.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(dump.exitValue()).as(Files.readString(tmp.resolve("dump.log"))).isZero();
    Path log = tmp.resolve("cds.log");

    Run r = launch(d, Map.of("CAIRN_JAVA_OPTS", "-Xlog:cds=info:file=" + log), "--version");

    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stdout()).matches("cairn \\S+\n");
    assertThat(Files.readString(log))
        // JDK 17: "Opened archive PATH"; JDK 25: "Opened shared archive file PATH."
        .containsPattern(
            "Opened (shared )?archive (file )?" + Pattern.quote(d.resolve("cairn.jsa").toString()))
        .doesNotContain("ArchiveRelocationMode == 1");
  }

  /**
   * The heap is in huge pages where the kernel gives them on request, and otherwise the JVM is not
   * asked for them (it would warn). This machine's kernel setting decides which case is checked.
   */
  @Test
  void theHeapIsInHugePagesWhereTheKernelGivesThemOnRequest() throws Exception {
    Path d = distribution();
    Path log = tmp.resolve("pagesize.log");
    Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean onRequest = Files.isReadable(thp) && Files.readString(thp).contains("[madvise]");

    Run r = launch(d, Map.of("CAIRN_JAVA_OPTS", "-Xlog:pagesize=info:file=" + log), "--version");

    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stdout()).matches("cairn \\S+\n");
    assertThat(r.stderr()).isEmpty();
    String heap =
        Files.readAllLines(log).stream().filter(l -> l.contains("Heap:")).findFirst().orElseThrow();
    if (onRequest) {
      assertThat(heap).contains("page_size=2M");
    } else {
      assertThat(Files.readString(log)).contains("UseTransparentHugePages=0");
    }
  }

  /**
   * A distribution has no examples/, yet its class-data archive covers a deployment: the launcher
   * trains it on a model of its own. Deploying in a distribution then finds the classes of the
   * model, the plan and the activation in the archive rather than reading them from the jars. The
   * distribution is packed from the test class path as Maven's package lays one out (jars in lib/).
   */
  @Test
  void aDistributionsArchiveCoversADeployment() throws Exception {
    Path d = TestDistribution.packed(tmp.resolve("dist"));
    Run trained = launch(d, Map.of(), "--version");
    assertThat(trained.exit()).as(trained.stderr()).isZero();
    assertThat(trained.stderr()).contains("preparing the start-up archive");
    assertThat(d.resolve("cairn.jsa")).isRegularFile();

    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(
        model.resolve("services.yaml"),
        String.join(
            "\n",
            "recipes:",
            "  words:",
            "    files: {share/words: \"hello\\n\"}",
            "templates:",
            "  greeter:",
            "    params: {greeting: {type: string}}",
            "    recipe:",
            "      inputs: {words: words}",
            "      files:",
            "        bin/greet: {mode: \"0755\", text: \"#!/bin/sh\\necho ${{ params.greeting }}\\n\"}",
            "      build: mkdir -p $out/share && cp $words/share/words $out/share/",
            "services:",
            "  greeter:",
            "    name: greeter",
            "    type: echo",
            "    pkg: {template: greeter, params: {greeting: \"${{ self.name }}\"}}",
            "  listener:",
            "    name: listener",
            "    type: echo",
            "    dependsOn: {greeter: greeter}",
            "    pkg: {template: greeter, params: {greeting: \"${{ deps.greeter.name }}\"}}",
            ""));
    Files.writeString(model.resolve("infrastructure.yaml"), "box:\n  clientInterface: local\n");
    Files.writeString(model.resolve("distribution.yaml"), "greeter: [box]\nlistener: [box]\n");
    Path log = tmp.resolve("classes.log");
    Run deployed =
        launch(
            d,
            Map.of(
                "CAIRN_ROOT",
                tmp.resolve("root").toString(),
                "CAIRN_JAVA_OPTS",
                "-Xlog:class+load=info:file=" + log),
            "deploy",
            "-s",
            model.resolve("services.yaml").toString(),
            "-i",
            model.resolve("infrastructure.yaml").toString(),
            "-d",
            model.resolve("distribution.yaml").toString());

    assertThat(deployed.exit()).as(deployed.stderr()).isZero();
    List<String> ours =
        Files.readAllLines(log).stream()
            .filter(
                l ->
                    l.matches(
                        ".* (dev\\.cairn\\.(model|deploy|activation)|org\\.apache\\.commons\\.jexl3)\\..*"))
            .toList();
    // Classes the JVM spins at run time (lambdas) name their defining class as their source.
    List<String> fromJars = ours.stream().filter(l -> l.contains("source: file:")).toList();
    assertThat(ours).hasSizeGreaterThan(100);
    assertThat(fromJars).as("loaded from the jars").isEmpty();
  }

  /**
   * The launcher finds the jar beside itself however it is reached: through a symbolic link from
   * another directory (an install into a bin/ on the PATH), absolute, relative or to another link,
   * through a linked directory, or by a path relative to the working directory, with or without a
   * directory part.
   */
  @Test
  void theLauncherFindsItsJarThroughALinkAndFromARelativePath() throws Exception {
    Path d = distribution();
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("cairn"), d.resolve("cairn"));
    Files.createSymbolicLink(bin.resolve("relative"), Path.of("../dist/cairn"));
    Files.createSymbolicLink(bin.resolve("link-to-link"), bin.resolve("relative"));
    Files.createSymbolicLink(tmp.resolve("linked-dist"), d);

    List<List<String>> ways =
        List.of(
            List.of(bin.resolve("cairn").toString()),
            List.of(bin.resolve("link-to-link").toString()),
            List.of("sh", "-c", "exec relative \"$0\""), // found on the PATH
            List.of(tmp.resolve("linked-dist/cairn").toString()),
            List.of("bash", "cairn"),
            List.of("bash", "dist/cairn"));
    for (List<String> way : ways) {
      List<String> cmd = new ArrayList<>(way);
      cmd.add("--version");
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(way.get(way.size() - 1).equals("cairn") ? d.toFile() : tmp.toFile())
              .redirectErrorStream(true);
      pb.environment().remove("CAIRN_JAVA_OPTS");
      pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(out).as(String.join(" ", way)).matches("cairn \\S+\n");
    }
  }

  /**
   * Ctrl-C while the first command waits for the training ends all of it, its background lanes and
   * their JVMs included, and leaves no scratch directory behind, although its stores hold read-only
   * files. The launcher runs in a process group of its own, which gets the SIGINT as a terminal's
   * foreground group would.
   */
  @Test
  void ctrlCDuringTheTrainingEndsItAndLeavesNothingBehind() throws Exception {
    Path d = TestDistribution.packed(tmp.resolve("dist"));
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    ProcessBuilder pb =
        new ProcessBuilder("setsid", "bash", d.resolve("cairn").toString(), "--version");
    pb.environment().remove("CAIRN_JAVA_OPTS");
    pb.environment().put("TMPDIR", scratch.toString());
    pb.redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile());
    Process p = pb.start();
    // Until the training has made a store (read-only files under the scratch directory).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!hasReadOnlyFile(scratch) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(p.isAlive()).as("the training ended before it could be interrupted").isTrue();

    // setsid made the launcher the leader of its own group: its pid is the group's id.
    new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).start().waitFor();

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(130);
    assertThat(scratch).isEmptyDirectory();
    assertThat(d.resolve("cairn.jsa")).doesNotExist();
    assertThat(
            ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").contains(scratch.toString())))
        .isEmpty();
  }

  private static boolean hasReadOnlyFile(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(
          f -> {
            try {
              return Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                  && !Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS)
                      .contains(PosixFilePermission.OWNER_WRITE);
            } catch (IOException e) {
              return false; // gone while it was looked at
            }
          });
    } catch (UncheckedIOException e) {
      return false; // something went while the tree was walked
    }
  }

  @Test
  void aChangedDirectivesFileIsWrittenAgain() throws Exception {
    Path d = distribution();
    launch(d, Map.of(), "--version");
    Path jit = d.resolve("cairn.jit.json");
    String written = Files.readString(jit);

    Files.writeString(jit, "[ { match: \"*.*\", c1: { Exclude: true } } ]\n");
    Run r = launch(d, Map.of(), "--version");

    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(Files.readString(jit)).isEqualTo(written);
    assertThat(d).isDirectoryNotContaining("glob:**/cairn.jit.json.*");
  }

  /**
   * In a source checkout, launchers started together before the jar is built (the two ends of a
   * pipe) build it once: the second waits for the first and finds the jar fresh. A stand-in for
   * Maven (a real build takes minutes) counts its runs and takes a second to put the jar in place,
   * so that without the lock both launchers would find no jar and both build. It also records how
   * it was asked to build.
   */
  @Test
  void launchersStartedTogetherInACheckoutBuildOnce() throws Exception {
    Path built = distribution().resolve("cairn.jar");
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.copy(TestDistribution.launcher(), checkout.resolve("cairn"));
    Path source = Files.createDirectories(checkout.resolve("cli/src/main/java"));
    Files.writeString(source.resolve("Main.java"), "class Main {}\n");
    Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
    for (Path p : List.of(source.resolve("Main.java"), checkout.resolve("pom.xml"))) {
      Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(3600)));
    }
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path runs = tmp.resolve("mvn-runs");
    Path mvn = bin.resolve("mvn");
    Files.writeString(
        mvn,
        String.join(
            "\n",
            "#!/bin/sh",
            "echo \"$*\" >>\"$MVN_RUNS\"",
            "sleep 1",
            "mkdir -p cli/target/lib",
            "cp \"$BUILT_JAR\" cli/target/cairn.jar.tmp && mv cli/target/cairn.jar.tmp cli/target/cairn.jar",
            // An archive dated after the jar, made by the java the launcher runs: the launcher
            // then starts no training run.
            "touch -d '+1 hour' cli/target/cairn.jsa",
            "printf '%s\\n' \"${JAVA_HOME:+$JAVA_HOME/bin/}java\" >cli/target/cairn.jsa.java",
            ""));
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env =
        Map.of(
            "PATH", bin + ":" + System.getenv("PATH"),
            "MVN_RUNS", runs.toString(),
            "BUILT_JAR", built.toString());

    List<Process> launched = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ProcessBuilder pb = new ProcessBuilder("bash", checkout.resolve("cairn").toString(), "-V");
      pb.environment().remove("CAIRN_JAVA_OPTS");
      pb.environment().putAll(env);
      pb.redirectError(tmp.resolve("stderr-" + i).toFile());
      launched.add(pb.start());
    }
    for (int i = 0; i < 2; i++) {
      Process p = launched.get(i);
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(tmp.resolve("stderr-" + i))).isZero();
      assertThat(out).matches("cairn \\S+\n");
    }
    List<String> builds = Files.readAllLines(runs);
    assertThat(builds).hasSize(1);
    // The command line alone, and a JDK newer than CI's, whose new lint warnings would fail the
    // POM's strict build, builds it too.
    assertThat(builds.get(0).split(" "))
        .contains("package", "-Dmaven.test.skip=true", "-Dmaven.compiler.failOnWarning=false");
  }

  /**
   * Where the launcher cannot write its directives file, the JVM runs with its own defaults. A
   * directory in the file's place stands in for a file it may not write: the tests run as root.
   */
  @Test
  void withoutItsFileTheJvmRunsWithoutDirectives() throws Exception {
    Path d = distribution();
    Path jit = Files.createDirectory(d.resolve("cairn.jit.json"));

    Run r =
        launch(
            d,
            Map.of("CAIRN_JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions -XX:+DisplayVMOutput"),
            "--version");

    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stdout()).matches("cairn \\S+\n");
    assertThat(jit).isEmptyDirectory();
    assertThat(d).isDirectoryNotContaining("glob:**/cairn.jit.json.*");
  }
}
