package dev.cairn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
