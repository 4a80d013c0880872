package dev.cairn.store.build;

import dev.cairn.store.LocalStore;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import dev.cairn.store.nar.Canonicalizer;
import dev.cairn.store.recipe.InlineFile;
import dev.cairn.store.recipe.Placeholders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one recipe's build in a private directory: {@code build/} (the working directory, a writable
 * copy of the source), {@code tmp/}, {@code home/} and {@code tools/bin} (links to the host tools).
 * The output is written at its final place, which is not valid (and so not usable) until the build
 * has succeeded and it is registered.
 */
final class BuildJob {
  private static final int TAIL_LINES = 25;

  private final LocalStore store;
  private final ResolvedRecipe rr;
  private final BuildOptions options;
  private final Path scratch;
  private final Path log;

  BuildJob(LocalStore store, ResolvedRecipe rr, BuildOptions options, Path scratch) {
    this.store = store;
    this.rr = rr;
    this.options = options;
    this.scratch = scratch;
    this.log = store.layout().logsDir().resolve(rr.out().baseName() + ".log");
  }

  /** Builds into the output's place; throws with the log's tail on failure. */
  void run() throws IOException {
    Path out = store.layout().physical(rr.out());
    Canonicalizer.deleteTree(out); // a leftover of a killed build
    Files.writeString(log, "", StandardCharsets.UTF_8);
    if (rr.recipe().build().isEmpty()) {
      copySourceTo(out);
      writeFiles(out);
      return;
    }
    // Only a build script needs its private directories and tools.
    Path work = Files.createDirectories(scratch.resolve("build"));
    Files.createDirectories(scratch.resolve("tmp"));
    Files.createDirectories(scratch.resolve("home"));
    linkTools(Files.createDirectories(scratch.resolve("tools/bin")));
    if (rr.src().isPresent()) {
      copySourceTo(work);
    }
    writeFiles(out);
    execute(work);
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      throw failure("the build script finished but did not create $out (" + print() + ")");
    }
  }

  private String print() {
    return store.print(rr.out());
  }

  private void linkTools(Path bin) throws IOException {
    for (Map.Entry<String, Path> t : rr.tools().entrySet()) {
      Files.createSymbolicLink(bin.resolve(t.getKey()), t.getValue());
    }
  }

  /** Copies the source into {@code dir} (writable), or makes {@code dir} if there is none. */
  private void copySourceTo(Path dir) throws IOException {
    if (rr.src().isEmpty()) {
      if (!rr.recipe().files().isEmpty()) {
        Files.createDirectories(dir);
      }
      return;
    }
    Path src = store.layout().physical(rr.src().get());
    if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir);
      copyTree(src, dir);
    } else if (dir.equals(store.layout().physical(rr.out()))) {
      Files.copy(src, dir, LinkOption.NOFOLLOW_LINKS);
    } else {
      Files.copy(
          src,
          dir.resolve(rr.recipe().src().get().path().getFileName().toString()),
          LinkOption.NOFOLLOW_LINKS);
    }
    Canonicalizer.makeWritable(dir);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (p.equals(from)) {
          continue;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
          if (!Files.isSymbolicLink(target)) {
            target.toFile().setWritable(true, true);
          }
        }
      }
    }
  }

  private void writeFiles(Path out) throws IOException {
    if (rr.recipe().files().isEmpty()) {
      return;
    }
    Files.createDirectories(out);
    Map<String, String> inputs = new HashMap<>();
    rr.inputs().forEach((k, v) -> inputs.put(k, store.print(v)));
    for (InlineFile f : rr.recipe().files()) {
      Path file = out.resolve(f.path());
      if (!file.normalize().startsWith(out)) {
        throw new StoreException("inline file '" + f.path() + "' would leave $out");
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, Placeholders.substitute(f.text(), inputs, print()));
      Files.setPosixFilePermissions(
          file, PosixFilePermissions.fromString(f.executable() ? "rwxr-xr-x" : "rw-r--r--"));
    }
  }

  private void execute(Path work) throws IOException {
    Path script = scratch.resolve("builder.sh");
    Files.writeString(script, rr.recipe().build().orElseThrow(), StandardCharsets.UTF_8);
    List<String> cmd = new ArrayList<>(Sandbox.probe().prefix());
    cmd.addAll(List.of(rr.bash().toString(), "-e", "-o", "pipefail", script.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment(work));
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    try {
      if (!p.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
        throw failure("the build ran longer than " + options.timeout() + " and was killed");
      }
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      throw failure("the build was interrupted");
    }
    if (p.exitValue() != 0) {
      throw failure("the build script exited with code " + p.exitValue());
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private Map<String, String> environment(Path work) {
    Map<String, String> env = new HashMap<>(rr.recipe().env());
    Map<String, String> inputs = new HashMap<>();
    rr.inputs().forEach((k, v) -> inputs.put(k, store.print(v)));
    env.replaceAll((k, v) -> Placeholders.substitute(v, inputs, print()));
    env.putAll(inputs);
    List<String> path = new ArrayList<>();
    for (StorePath in : rr.inputs().values()) {
      path.add(store.print(in) + "/bin");
    }
    path.add(scratch.resolve("tools/bin").toString());
    env.put("PATH", String.join(":", path));
    env.put("out", print());
    rr.src().ifPresent(s -> env.put("src", store.print(s)));
    String tmp = scratch.resolve("tmp").toString();
    for (String t : List.of("TMPDIR", "TMP", "TEMP", "TEMPDIR")) {
      env.put(t, tmp);
    }
    env.put("HOME", scratch.resolve("home").toString());
    env.put("NIX_BUILD_TOP", scratch.toString());
    env.put("PWD", work.toString());
    env.put("SHELL", rr.bash().toString());
    env.put("SOURCE_DATE_EPOCH", "1");
    env.put("TZ", "UTC");
    env.put("LC_ALL", "C");
    return env;
  }

  /** A failure carrying the log's tail; with --keep-failed the directory and output stay. */
  BuildFailedException failure(String why) throws IOException {
    List<String> tail = tail();
    Optional<Path> kept = Optional.empty();
    if (options.keepFailed()) {
      Path out = store.layout().physical(rr.out());
      if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(out, scratch.resolve("out"));
      }
      kept = Optional.of(scratch);
    }
    return new BuildFailedException(
        "building '" + rr.recipe().attr() + "' (" + print() + ") failed: " + why, log, tail, kept);
  }

  private List<String> tail() throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(log)) {
      long start = Math.max(0, ch.size() - 64 * 1024);
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) (ch.size() - start));
      while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
        // read the end of the log only: it may be large
      }
      List<String> lines = List.of(new String(buf.array(), StandardCharsets.UTF_8).split("\n"));
      return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    }
  }
}
