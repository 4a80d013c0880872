package dev.cairn.store;

import dev.cairn.store.nar.Canonicalizer;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Deletes what no root reaches. Roots are the generation links of profiles, the symlinks under
 * {@code gcroots/} (followed through one indirection, so a link there may point at an out-link
 * elsewhere) and the temporary roots of live processes. Runs under the exclusive collector lock, so
 * nothing is registered or rooted meanwhile. Paths are deleted referrers first, and each is
 * unregistered before its files go, so an interrupted collection never leaves a valid path that
 * refers to a deleted one.
 */
final class GarbageCollector {
  private final LocalStore store;
  private final StoreDb db;

  GarbageCollector(LocalStore store, StoreDb db) {
    this.store = store;
    this.db = db;
  }

  GcReport run(GcOptions options) throws IOException {
    Set<StorePath> roots = roots();
    Map<StorePath, List<StorePath>> graph = db.graph();
    Set<StorePath> live = Graphs.reachable(graph, roots);
    List<StorePath> dead = new ArrayList<>();
    for (StorePath p : Graphs.closureTopological(graph, graph.keySet())) {
      if (!live.contains(p)) {
        dead.add(p);
      }
    }
    Collections.reverse(dead); // referrers before their references
    Map<StorePath, Long> sizes = db.narSizes();
    List<StorePath> deleted = new ArrayList<>();
    long freed = 0;
    for (StorePath p : dead) {
      if (freed >= options.maxFreed()) {
        break;
      }
      if (!options.dryRun()) {
        delete(p);
      }
      deleted.add(p);
      freed += sizes.getOrDefault(p, 0L);
    }
    if (!options.dryRun() && freed < options.maxFreed()) {
      deleteUnregistered(graph.keySet());
      deleteStaleScratch();
    }
    return new GcReport(deleted, freed, roots.size(), options.dryRun());
  }

  private void delete(StorePath p) throws IOException {
    db.invalidate(p);
    Path file = store.layout().physical(p);
    Path trash = store.layout().tmpDir().resolve("trash-" + p.baseName());
    try {
      Files.move(file, trash, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException gone) {
      return;
    }
    Canonicalizer.deleteTree(trash);
  }

  /** Removes leftovers of killed writers: entries of the store directory that are not valid. */
  private void deleteUnregistered(Set<StorePath> valid) throws IOException {
    Set<String> names = new HashSet<>();
    for (StorePath p : valid) {
      names.add(p.baseName());
    }
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(store.layout().physicalStoreDir())) {
      for (Path e : entries) {
        String name = e.getFileName().toString();
        StorePath p = parseOrNull(name);
        if (p == null || names.contains(name)) {
          continue; // valid, or not a store path at all: not ours to judge
        }
        PathLock held = store.tryLockPath(p);
        if (held != null) {
          try (held) {
            if (!db.isValid(p)) {
              Canonicalizer.deleteTree(e);
            }
          }
        }
      }
    }
  }

  private static StorePath parseOrNull(String name) {
    try {
      return StorePath.parseBaseName(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Removes scratch directories whose owner has died (their names start with its PID), and any
   * older than a day.
   */
  private void deleteStaleScratch() throws IOException {
    Path tmp = store.layout().tmpDir();
    if (!Files.isDirectory(tmp)) {
      return;
    }
    long cutoff = System.currentTimeMillis() - 24L * 3600 * 1000;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp)) {
      for (Path e : entries) {
        String name = e.getFileName().toString();
        if (name.startsWith("trash-")
            || !ownerAlive(name)
            || Files.getLastModifiedTime(e, LinkOption.NOFOLLOW_LINKS).toMillis() < cutoff) {
          Canonicalizer.deleteTree(e);
        }
      }
    }
  }

  private static boolean ownerAlive(String scratchName) {
    int dash = scratchName.indexOf('-');
    try {
      long pid = Long.parseLong(scratchName.substring(0, Math.max(dash, 0)));
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true; // not named by a writer of ours: leave it to the age rule
    }
  }

  private Set<StorePath> roots() throws IOException {
    Set<StorePath> roots = new HashSet<>();
    addLinkRoots(store.layout().profilesDir(), roots);
    addLinkRoots(store.layout().gcRootsDir(), roots);
    for (String base : TempRoots.readLive(store.layout().tempRootsDir())) {
      StorePath p = parseOrNull(base);
      if (p != null) {
        roots.add(p);
      }
    }
    return roots;
  }

  private void addLinkRoots(Path dir, Set<StorePath> roots) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path link : (Iterable<Path>) files::iterator) {
        if (Files.isSymbolicLink(link)) {
          StorePath p = resolveRoot(link, 0);
          if (p != null) {
            roots.add(p);
          }
        }
      }
    }
  }

  /** Follows a root link (and links it points to, a few deep) until it reaches a store path. */
  private StorePath resolveRoot(Path link, int depth) throws IOException {
    Path target = link.resolveSibling(Files.readSymbolicLink(link));
    try {
      return store.parsePath(target.toString());
    } catch (StoreException notStorePath) {
      if (depth < 8 && Files.isSymbolicLink(target)) {
        return resolveRoot(target, depth + 1);
      }
      return null;
    }
  }
}
