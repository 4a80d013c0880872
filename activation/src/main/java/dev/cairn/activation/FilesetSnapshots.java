package dev.cairn.activation;

import dev.cairn.store.nar.Canonicalizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Snapshots of a fileset's mutable directories in Dysnomia's layout: {@code
 * snapshots/<container>/<component>/<sha256>/state.tar.xz} and numbered links {@code
 * generations/<container>/<component>/<n>} to them, under the state directory.
 */
final class FilesetSnapshots {
  private FilesetSnapshots() {}

  static void snapshot(ActivationRequest r, FilesetModule.Fileset set, ActivationContext ctx)
      throws IOException, ActivationException {
    List<String> dirs = new ArrayList<>();
    for (Path d : set.directories()) {
      if (Files.isDirectory(set.targetDir().resolve(d))) {
        dirs.add(d.toString());
      }
    }
    if (dirs.isEmpty()) {
      ctx.log("fileset: no directories to snapshot");
      return;
    }
    Path snapshots = area(r, "snapshots");
    Files.createDirectories(snapshots);
    Path tmp = Files.createTempFile(snapshots, "state", ".tar.xz.tmp");
    try {
      List<String> tar = new ArrayList<>(List.of("tar", "-cJf", tmp.toString(), "--"));
      tar.addAll(dirs);
      run(r, ctx, set.targetDir(), tar);
      String hash = FilesetModule.sha256(tmp);
      Path dir = snapshots.resolve(hash);
      if (Files.isDirectory(dir)) {
        ctx.log("fileset: snapshot " + hash + " exists already");
      } else {
        Files.createDirectories(dir);
        Files.move(tmp, dir.resolve("state.tar.xz"));
      }
      addGeneration(r, hash, ctx);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static void restore(ActivationRequest r, FilesetModule.Fileset set, ActivationContext ctx)
      throws IOException, ActivationException {
    Optional<Path> latest = latest(r);
    if (latest.isEmpty()) {
      ctx.log("fileset: no snapshot to restore");
      return;
    }
    for (Path d : set.directories()) {
      Canonicalizer.deleteTree(set.targetDir().resolve(d));
    }
    Files.createDirectories(set.targetDir());
    Path archive = latest.get().resolve("state.tar.xz");
    run(r, ctx, set.targetDir(), List.of("tar", "-xJf", archive.toString()));
    ctx.log("fileset: restored " + archive);
  }

  private static void addGeneration(ActivationRequest r, String hash, ActivationContext ctx)
      throws IOException, ActivationException {
    Path gens = area(r, "generations");
    Files.createDirectories(gens);
    Optional<Path> latest = latest(r);
    if (latest.isPresent() && latest.get().getFileName().toString().equals(hash)) {
      return;
    }
    long next = lastGeneration(gens) + 1;
    String component = ActivationRequest.componentName(r.component());
    Files.createSymbolicLink(
        gens.resolve(Long.toString(next)),
        Path.of("../../../snapshots", r.container().name(), component, hash));
    ctx.log("fileset: generation " + next + " is snapshot " + hash);
  }

  private static Optional<Path> latest(ActivationRequest r) throws IOException {
    Path gens = area(r, "generations");
    long last = lastGeneration(gens);
    if (last == 0) {
      return Optional.empty();
    }
    Path link = gens.resolve(Long.toString(last));
    return Optional.of(gens.resolve(Files.readSymbolicLink(link)).normalize());
  }

  private static long lastGeneration(Path gens) throws IOException {
    if (!Files.isDirectory(gens)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(gens)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("[0-9]+"))
          .mapToLong(Long::parseLong)
          .max()
          .orElse(0);
    }
  }

  private static Path area(ActivationRequest r, String kind) {
    return r.stateDir()
        .resolve(kind)
        .resolve(r.container().name())
        .resolve(ActivationRequest.componentName(r.component()));
  }

  private static void run(ActivationRequest r, ActivationContext ctx, Path dir, List<String> cmd)
      throws ActivationException {
    ctx.log("fileset: " + String.join(" ", cmd));
    Process p = ctx.start(cmd, r.moduleEnvironment(), dir, ctx.logFile());
    int status = ctx.await(p);
    if (status != 0) {
      throw new ActivationException(
          cmd.get(0) + " " + cmd.get(1) + " exited with status " + status);
    }
  }
}
