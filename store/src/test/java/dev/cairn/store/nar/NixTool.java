package dev.cairn.store.nar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cairn.store.Background;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real Nix tools, against a chroot store when one is given, never the host's /nix. */
final class NixTool {
  private static final long TIMEOUT_SECONDS = 60;

  private NixTool() {}

  /**
   * Runs {@code command} with {@code stdin} and returns its standard output; fails on exit != 0.
   */
  static byte[] run(byte[] stdin, String... command) throws Exception {
    requireOnPath(command[0]);
    Process process = new ProcessBuilder(command).start();
    CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
    CompletableFuture<byte[]> stdout = drain(process.getInputStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    }
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("%s did not finish within %d s", Arrays.toString(command), TIMEOUT_SECONDS);
    }
    assertThat(process.exitValue())
        .as(
            "exit status of %s; stderr: %s",
            Arrays.toString(command), new String(stderr.get(), StandardCharsets.UTF_8))
        .isZero();
    return stdout.get();
  }

  /** Runs {@code command} and returns its standard output as text, trimmed. */
  static String text(String... command) throws Exception {
    return new String(run(new byte[0], command), StandardCharsets.UTF_8).trim();
  }

  /** {@code nix-store} against the chroot store at {@code root} (paths print as /nix/store). */
  static String[] store(Path root, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of("nix-store", "--store", root.toString(), "--option", "build-users-group", ""));
    command.addAll(List.of(args));
    return command.toArray(String[]::new);
  }

  private static void requireOnPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return;
      }
    }
    fail(
        "%s is not on PATH; these tests compare with real Nix: install nix-bin (bash .ci/run does)",
        tool);
  }

  private static CompletableFuture<byte[]> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.transferTo(out);
            return out.toByteArray();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        Background.threads());
  }
}
