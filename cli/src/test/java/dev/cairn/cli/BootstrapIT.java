package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn bootstrap} against real sshd targets: one with this machine's Java, one whose
 * sessions see a PATH without any.
 */
class BootstrapIT {
  @TempDir Path tmp;

  private SshTargets sshd;
  private Cairn coordinator;

  @BeforeEach
  void start() throws Exception {
    Cairn c = Cairn.at(tmp.resolve("coordinator"));
    sshd = SshTargets.in(tmp.resolve("ssh"), c.root().resolve("store").toString());
    coordinator = sshd.coordinator(c);
  }

  @AfterEach
  void stop() throws IOException {
    sshd.close();
  }

  /**
   * A distribution of the code under test: a cairn.jar whose manifest names the test class path
   * (the machine is the same), an empty lib/, and the repository's launcher.
   */
  private Path distribution() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("dist/lib"));
    Files.writeString(d.resolve("README"), "libraries\n");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.cairn.cli.Main");
    String classPath =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(p -> Path.of(p).toUri().toString())
            .collect(Collectors.joining(" "));
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    try (OutputStream out = Files.newOutputStream(tmp.resolve("dist/cairn.jar"));
        JarOutputStream jar = new JarOutputStream(out, m)) {
      jar.flush();
    }
    Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("cairn");
    Files.copy(launcher, tmp.resolve("dist/cairn"), StandardCopyOption.REPLACE_EXISTING);
    return tmp.resolve("dist");
  }

  @Test
  void installsTheLauncherAndJarsWhereJavaIs() throws Exception {
    SshTargets.Target a = sshd.start("a");
    Path prefix = tmp.resolve("prefix");

    Cairn.Result r =
        coordinator
            .run(
                "bootstrap",
                "--dist",
                distribution().toString(),
                "--prefix",
                prefix.toString(),
                a.address())
            .ok();

    assertThat(r.out()).contains("installed cairn", "on " + a.address(), prefix + "/bin/cairn");
    Path dist = prefix.resolve("share/cairn/dist");
    assertThat(dist.resolve("cairn.jar")).isRegularFile();
    assertThat(dist.resolve("lib/README")).isRegularFile();
    assertThat(prefix.resolve("bin/cairn").toRealPath()).isEqualTo(dist.resolve("cairn"));
    assertThat(Files.isExecutable(dist.resolve("cairn"))).isTrue();

    coordinator
        .run(
            "bootstrap",
            "--dist",
            distribution().toString(),
            "--prefix",
            prefix.toString(),
            a.address())
        .ok();
    assertThat(prefix.resolve("share/cairn")).isDirectoryNotContaining("glob:**.{new,old}");
  }

  @Test
  void refusesAMachineWithoutJavaNamingItAndTheFix() throws Exception {
    SshTargets.Target n = sshd.start("n", "PATH=/nowhere");
    Path prefix = tmp.resolve("prefix");

    Cairn.Result r =
        coordinator.run(
            "bootstrap",
            "--dist",
            distribution().toString(),
            "--prefix",
            prefix.toString(),
            n.address());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr()).contains(n.address(), "no Java", "Java 17 or newer");
    assertThat(prefix).doesNotExist();
  }
}
