package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Nix (Debian's nix-bin) on a chroot store of its own: paths read /nix/store/..., files
 * live under the given root, and the machine's /nix is never touched.
 */
final class Nix {
  private final Path root;

  Nix(Path root) {
    this.root = root;
    assertThat(Path.of("/usr/bin/nix-store"))
        .as(
            "Nix is needed for the interoperability tests: apt-get install nix-bin"
                + " (bash .ci/run does)")
        .exists();
  }

  Path root() {
    return root;
  }

  /** Runs {@code nix-store ARGS} on this store and returns its standard output. */
  String store(String... args) {
    return new String(storeBytes(null, null, args), StandardCharsets.UTF_8);
  }

  byte[] storeBytes(Path stdin, Path stdout, String... args) {
    List<String> cmd = new ArrayList<>(List.of("nix-store", "--store", root.toString()));
    cmd.addAll(List.of("--option", "build-users-group", "", "--option", "sandbox", "false"));
    cmd.addAll(List.of(args));
    return exec(cmd, stdin, stdout);
  }

  /** Evaluates a Nix expression that may write to the store (builtins.toFile). */
  String eval(String expression) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "nix-instantiate",
                "--store",
                root.toString(),
                "--option",
                "build-users-group",
                "",
                "--read-write-mode",
                "--eval",
                "--json",
                "-E",
                expression));
    String json = new String(exec(cmd, null, null), StandardCharsets.UTF_8).trim();
    return json.substring(1, json.length() - 1);
  }

  private static byte[] exec(List<String> cmd, Path stdin, Path stdout) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().put("NIX_CONF_DIR", "/nonexistent");
      pb.redirectError(ProcessBuilder.Redirect.PIPE);
      if (stdin != null) {
        pb.redirectInput(stdin.toFile());
      }
      File outFile = stdout != null ? stdout.toFile() : File.createTempFile("nix", ".out");
      pb.redirectOutput(outFile);
      Process p = pb.start();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(cmd + " did not finish");
      }
      assertThat(p.exitValue())
          .as("%s failed: %s", cmd, new String(err, StandardCharsets.UTF_8))
          .isZero();
      if (stdout != null) {
        return new byte[0];
      }
      byte[] out = Files.readAllBytes(outFile.toPath());
      Files.delete(outFile.toPath());
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
