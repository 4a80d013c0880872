package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The repository's hello-world example as a model in a test directory, on a port of the test's. */
final class HelloWorldModel {
  private HelloWorldModel() {}

  /**
   * Writes the example into {@code d} (its sources and services once, with the server on {@code
   * port}), with {@code infrastructure}, and a distribution with the server on {@code serverOn} and
   * the client on {@code clientsOn} (a YAML list's items, such as "b, c").
   */
  static Path write(Path d, int port, String infrastructure, String serverOn, String clientsOn)
      throws IOException {
    Path example =
        Path.of(System.getProperty("user.dir")).getParent().resolve("examples/hello-world");
    if (!Files.exists(d)) {
      TestProcs.copyTree(example.resolve("src"), d.resolve("src"));
      Files.writeString(
          d.resolve("services.yaml"),
          Files.readString(example.resolve("services.yaml"))
              .replace("port: 5123", "port: " + port));
    }
    Files.writeString(d.resolve("infrastructure.yaml"), infrastructure);
    Files.writeString(
        d.resolve("distribution.yaml"),
        "hello-world-server: [" + serverOn + "]\nhello-world-client: [" + clientsOn + "]\n");
    return d;
  }

  /**
   * Says {@code line} to the server through the deployed {@code client} program and returns what it
   * printed. A deployment returns once the server has run for its start period, which on a busy
   * machine may come before its JVM listens: a client that cannot connect is run again, as a user
   * would, for up to 30 seconds; a server that never answers still fails the caller's assertion.
   */
  static String talk(Path client, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      Process p =
          new ProcessBuilder(client.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().write((line + "\nquit\n").getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(client + " ended").isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.exitValue() == 0 || System.nanoTime() > deadline) {
        return out;
      }
      Thread.sleep(200);
    }
  }
}
