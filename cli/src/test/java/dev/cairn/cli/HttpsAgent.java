package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.Background;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTPS agent ({@code cairn agent --listen 127.0.0.1:0}) in a child JVM with its own root,
 * started as an operator would: a token file, a certificate generated on first start whose
 * fingerprint it prints. Its log (standard error) goes to {@code agent.log} in its directory.
 */
final class HttpsAgent implements AutoCloseable {
  final Path root;
  final Path tokenFile;
  final Path log;
  final String url;
  final String fingerprint;
  private final Process process;

  private HttpsAgent(Path dir, Process p, String url, String fingerprint) {
    this.root = dir.resolve("root");
    this.tokenFile = dir.resolve("token");
    this.log = dir.resolve("agent.log");
    this.process = p;
    this.url = url;
    this.fingerprint = fingerprint;
  }

  /** Starts an agent under {@code dir} whose token is {@code token}. */
  static HttpsAgent start(Path dir, String storeDir, String token) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("token"), token + "\n");
    List<String> cmd = new ArrayList<>(Cairn.mainCommand());
    cmd.addAll(
        List.of(
            "agent", "--listen", "127.0.0.1:0", "--token-file", dir.resolve("token").toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dir.resolve("agent.log").toFile());
    pb.environment().put("CAIRN_ROOT", dir.resolve("root").toString());
    pb.environment().put("CAIRN_STORE_DIR", storeDir);
    Process p = pb.start();
    CompletableFuture<String[]> started =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String url = r.readLine().replaceFirst(".*listening on ", "");
                String fingerprint = r.readLine().replaceFirst(".*fingerprint: ", "");
                return new String[] {url, fingerprint};
              } catch (IOException | RuntimeException e) {
                return new String[] {"", ""};
              }
            },
            Background.threads());
    String[] said = started.get(120, TimeUnit.SECONDS);
    assertThat(said[0])
        .as("agent.log: %s", Files.readString(dir.resolve("agent.log")))
        .isNotEmpty();
    return new HttpsAgent(dir, p, said[0], said[1]);
  }

  /** The agent's log so far. */
  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
