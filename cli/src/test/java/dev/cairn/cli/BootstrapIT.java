package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private Path distribution() throws IOException {
    Path d = tmp.resolve("dist");
    return Files.exists(d) ? d : TestDistribution.in(d);
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
