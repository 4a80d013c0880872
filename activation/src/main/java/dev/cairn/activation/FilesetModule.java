package dev.cairn.activation;

import dev.cairn.store.nar.Canonicalizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code fileset} module, as Dysnomia's: it populates a target directory with symlinks to the
 * component's immutable files and with mutable directories.
 *
 * <p>The component holds {@code .dysnomia-fileset}, lines of {@code mkdir DIR} (a mutable directory
 * relative to the target directory) and {@code symlink ABSOLUTE_PATH} followed by {@code target
 * DIR} (a link named after the path, in DIR relative to the target directory); {@code
 * .dysnomia-targetdir} (the target directory, unless the {@code targetDir} property gives it); and
 * optionally {@code .dysnomia-filesetowner} ({@code user:group} of the directories, unless the
 * {@code filesetOwner} property gives it; default: unchanged).
 *
 * <p>State rules: activate creates what is missing and marks the state active; deactivate removes
 * the symlinks and marks the directories as garbage; only collect-garbage deletes them. Snapshot
 * stores a {@code tar.xz} of the directories under {@code
 * snapshots/<container>/<component>/<sha256>} (an identical one is reused) and adds a numbered
 * generation; restore unpacks the latest.
 */
final class FilesetModule implements ActivationModule {
  @Override
  public String type() {
    return "fileset";
  }

  @Override
  public void run(ActivationRequest r, ActivationContext ctx) throws ActivationException {
    if (r.activity() == Activity.LOCK
        || r.activity() == Activity.UNLOCK
        || r.activity() == Activity.SHELL) {
      return;
    }
    Fileset set = Fileset.read(r);
    StateMarks marks = new StateMarks(r);
    try {
      switch (r.activity()) {
        case ACTIVATE -> {
          activate(set, ctx);
          marks.markActive();
        }
        case DEACTIVATE -> {
          removeSymlinks(set, ctx);
          marks.markGarbage();
        }
        case COLLECT_GARBAGE -> {
          if (marks.isGarbage()) {
            deleteDirectories(set, ctx);
            marks.unmarkGarbage();
          }
        }
        case SNAPSHOT -> FilesetSnapshots.snapshot(r, set, ctx);
        case RESTORE -> FilesetSnapshots.restore(r, set, ctx);
        default -> throw new IllegalStateException("unhandled " + r.activity());
      }
    } catch (IOException e) {
      throw new ActivationException(
          r.activity() + " of fileset in " + set.targetDir() + " failed: " + e, e);
    }
  }

  private static void activate(Fileset set, ActivationContext ctx)
      throws IOException, ActivationException {
    Files.createDirectories(set.targetDir());
    try {
      for (Fileset.Link l : set.links()) {
        Path link = l.link(set.targetDir());
        Files.createDirectories(link.getParent());
        if (Files.isSymbolicLink(link)) {
          Files.delete(link);
        }
        Files.createSymbolicLink(link, l.to());
        ctx.log("linked " + link + " -> " + l.to());
      }
      for (Path d : set.directories()) {
        Path dir = Files.createDirectories(set.targetDir().resolve(d));
        if (set.owner().isPresent()) {
          chown(dir, set.owner().get());
        }
      }
    } catch (IOException e) {
      removeSymlinks(set, ctx); // nothing half-applied
      throw e;
    }
  }

  private static void removeSymlinks(Fileset set, ActivationContext ctx)
      throws IOException, ActivationException {
    for (Fileset.Link l : set.links()) {
      Path link = l.link(set.targetDir());
      if (Files.isSymbolicLink(link)) {
        Files.delete(link);
        ctx.log("removed " + link);
      }
      removeEmptyParents(link.getParent(), set.targetDir());
    }
  }

  private static void deleteDirectories(Fileset set, ActivationContext ctx)
      throws IOException, ActivationException {
    for (Path d : set.directories()) {
      Path dir = set.targetDir().resolve(d);
      Canonicalizer.deleteTree(dir);
      ctx.log("deleted " + dir);
      removeEmptyParents(dir.getParent(), set.targetDir());
    }
  }

  static void removeEmptyParents(Path dir, Path stop) throws IOException {
    for (Path d = dir; d != null && d.startsWith(stop) && !d.equals(stop); d = d.getParent()) {
      if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) || !isEmpty(d)) {
        return;
      }
      Files.delete(d);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  static void chown(Path p, String owner) throws IOException {
    String[] og = owner.split(":", 2);
    UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
    if (!og[0].isEmpty()) {
      Files.setOwner(p, users.lookupPrincipalByName(og[0]));
    }
    if (og.length > 1 && !og[1].isEmpty()) {
      Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setGroup(users.lookupPrincipalByGroupName(og[1]));
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A parsed {@code .dysnomia-fileset}, with its target directory and owner. */
  record Fileset(Path targetDir, List<Link> links, List<Path> directories, Optional<String> owner) {
    record Link(Path to, Path dir) {
      Path link(Path targetDir) {
        return targetDir.resolve(dir).resolve(to.getFileName().toString()).normalize();
      }
    }

    static Fileset read(ActivationRequest r) throws ActivationException {
      Path spec = r.component().resolve(".dysnomia-fileset");
      Map<String, String> env = r.moduleEnvironment();
      String target = env.get("targetDir");
      if (target == null) {
        target = readTrimmed(r.component().resolve(".dysnomia-targetdir"));
      }
      if (target == null || !Path.of(target).isAbsolute()) {
        throw new ActivationException(
            "fileset: no absolute target directory; set the targetDir property or put it in "
                + r.component().resolve(".dysnomia-targetdir"));
      }
      String owner = env.get("filesetOwner");
      if (owner == null) {
        owner = readTrimmed(r.component().resolve(".dysnomia-filesetowner"));
      }
      List<Link> links = new ArrayList<>();
      List<Path> dirs = new ArrayList<>();
      List<String> lines;
      try {
        lines = Files.readAllLines(spec, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ActivationException("fileset: cannot read '" + spec + "': " + e, e);
      }
      Path pending = null;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty()) {
          continue;
        }
        int sp = line.indexOf(' ');
        String action = sp < 0 ? line : line.substring(0, sp);
        String arg = sp < 0 ? "" : line.substring(sp + 1).strip();
        String where = spec + ":" + (i + 1) + ": ";
        switch (action) {
          case "symlink" -> pending = Path.of(arg);
          case "target" -> {
            if (pending == null) {
              throw new ActivationException(where + "'target' needs a 'symlink' line before it");
            }
            links.add(new Link(pending, relative(where, arg)));
          }
          case "mkdir" -> dirs.add(relative(where, arg));
          default ->
              throw new ActivationException(
                  where + "unknown action '" + action + "'; use mkdir, symlink or target");
        }
      }
      return new Fileset(Path.of(target), links, dirs, Optional.ofNullable(owner));
    }

    private static Path relative(String where, String arg) throws ActivationException {
      Path p = Path.of(arg.isEmpty() ? "." : arg).normalize();
      if (p.isAbsolute() || p.startsWith("..")) {
        throw new ActivationException(
            where + "'" + arg + "' must stay inside the target directory");
      }
      return p;
    }

    private static String readTrimmed(Path file) throws ActivationException {
      try {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
      } catch (IOException e) {
        throw new ActivationException("fileset: cannot read '" + file + "': " + e, e);
      }
    }
  }
}
