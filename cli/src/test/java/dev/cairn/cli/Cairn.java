package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.Background;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code cairn} command in a child JVM on the test class path, against one root, as a
 * user would from a shell.
 */
final class Cairn {
  private static final long TIMEOUT_SECONDS = 300;

  private final Path root;
  private final String storeDir;
  private final java.util.Map<String, String> env;

  /** Shell commands run before the command, as a login shell's settings would be. */
  private final List<String> shell;

  Cairn(Path root, String storeDir) {
    this(root, storeDir, java.util.Map.of(), List.of());
  }

  private Cairn(Path root, String storeDir, java.util.Map<String, String> env, List<String> shell) {
    this.root = root;
    this.storeDir = storeDir;
    this.env = java.util.Map.copyOf(env);
    this.shell = List.copyOf(shell);
  }

  /** The same store, with {@code key=value} in the command's environment. */
  Cairn withEnv(String key, String value) {
    java.util.Map<String, String> more = new java.util.HashMap<>(env);
    more.put(key, value);
    return new Cairn(root, storeDir, more, shell);
  }

  /** The same store, run under {@code ulimit -n limit}, as in a usual login shell. */
  Cairn withOpenFileLimit(int limit) {
    return withShell("ulimit -n " + limit);
  }

  /** The same store, run under {@code umask mask} (octal, as the shell takes it). */
  Cairn withUmask(String mask) {
    return withShell("umask " + mask);
  }

  private Cairn withShell(String command) {
    List<String> more = new ArrayList<>(shell);
    more.add(command);
    return new Cairn(root, storeDir, env, more);
  }

  /** A store whose logical directory is {@code <root>/store}. */
  static Cairn at(Path root) {
    return new Cairn(root, null);
  }

  /** A store computing Nix's paths: logical /nix/store, files under {@code <root>/nix/store}. */
  static Cairn nixCompatible(Path root) {
    return new Cairn(root, "/nix/store");
  }

  Path root() {
    return root;
  }

  /** The outcome of one command. */
  record Result(int exit, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    List<String> lines() {
      return out().lines().toList();
    }

    Result ok() {
      assertThat(exit).as("exit code; stderr:%n%s", stderr).isZero();
      return this;
    }
  }

  Result run(String... args) {
    return run(null, args);
  }

  /** Runs with {@code stdin} (a file, or null for none). */
  Result run(Path stdin, String... args) {
    try {
      Process p = start(stdin, args);
      CompletableFuture<byte[]> out = readAsync(p.getInputStream());
      CompletableFuture<byte[]> err = readAsync(p.getErrorStream());
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("cairn " + String.join(" ", args) + " did not finish");
      }
      return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The command line that runs Cairn's Main on the test class path, with this JVM. It allows native
   * access as the real jar's manifest does (SQLite's library; JDK 24 and later warn otherwise, on
   * standard error, which the tests read).
   */
  static List<String> mainCommand() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-cp",
        System.getProperty("java.class.path"),
        "dev.cairn.cli.Main");
  }

  /** Starts a command and leaves it running; its output goes to files beside the root. */
  Process start(Path stdin, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (!shell.isEmpty()) {
      cmd.addAll(List.of("bash", "-c", String.join(" && ", shell) + " && exec \"$@\"", "bash"));
    }
    cmd.addAll(mainCommand());
    cmd.add("--root");
    cmd.add(root.toString());
    if (storeDir != null) {
      cmd.add("--store-dir");
      cmd.add(storeDir);
    }
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("CAIRN_ROOT");
    pb.environment().putAll(env);
    if (stdin != null) {
      pb.redirectInput(stdin.toFile());
    }
    return pb.start();
  }

  private static CompletableFuture<byte[]> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        Background.threads());
  }

  /** Writes the command's standard output to {@code file}. */
  Path runToFile(Path file, String... args) throws IOException {
    Result r = run(args).ok();
    Files.write(file, r.stdout());
    return file;
  }

  /** Asserts the store is consistent and no scratch directory was left behind. */
  void assertClean() throws IOException {
    run("store", "verify", "--check-contents").ok();
    Path tmp = root.resolve("tmp");
    if (Files.isDirectory(tmp)) {
      try (var entries = Files.list(tmp)) {
        assertThat(entries).as("leftovers in %s", tmp).isEmpty();
      }
    }
  }
}
