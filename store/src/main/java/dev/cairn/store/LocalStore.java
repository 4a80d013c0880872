package dev.cairn.store;

import dev.cairn.store.nar.Canonicalizer;
import dev.cairn.store.nar.Cleanup;
import dev.cairn.store.nar.ExportReader;
import dev.cairn.store.nar.ExportWriter;
import dev.cairn.store.nar.ExportedPath;
import dev.cairn.store.nar.NarSummary;
import dev.cairn.store.nar.NarWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A store on this machine: the entry point for adding, querying, moving and collecting store paths.
 * Safe to use from several threads, and from several processes at once on the same root: writers of
 * one path wait for each other, and the garbage collector never deletes what a live process has in
 * use.
 */
public final class LocalStore implements AutoCloseable {
  private final StoreLayout layout;
  private final StoreDb db;
  private final InterProcessLock gcLock;
  private final PathLocks pathLocks;
  private TempRoots tempRoots;

  private LocalStore(StoreLayout layout, StoreDb db) {
    this.layout = layout;
    this.db = db;
    this.gcLock = InterProcessLock.of(layout.locksDir().resolve("gc.lock"));
    this.pathLocks = PathLocks.of(layout.locksDir().resolve("paths"));
  }

  /**
   * Opens (creating if needed) the store laid out as {@code layout}.
   *
   * @throws StoreException if the root is not usable or was made for another store directory
   */
  public static LocalStore open(StoreLayout layout) throws IOException {
    for (Path dir :
        List.of(layout.physicalStoreDir(), layout.locksDir(), layout.tmpDir(), layout.logsDir())) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new StoreException(
            "cannot create " + dir + " (" + e + "); choose a writable --root or set CAIRN_ROOT", e);
      }
    }
    return new LocalStore(layout, StoreDb.open(layout.dbDir(), layout.storeDir()));
  }

  /** Returns where this store keeps its files. */
  public StoreLayout layout() {
    return layout;
  }

  /** Returns the logical store directory. */
  public StoreDir storeDir() {
    return layout.storeDir();
  }

  /** Returns the profiles of this store. */
  public Profiles profiles() {
    return new Profiles(this);
  }

  /**
   * Parses a store path given as its logical or physical absolute path (or a path inside one), or
   * as a base name.
   *
   * @throws StoreException if {@code text} is none of these
   */
  public StorePath parsePath(String text) throws StoreException {
    try {
      return parseOrFollow(text);
    } catch (StoreException e) {
      throw e;
    } catch (IOException e) {
      throw new StoreException("cannot resolve '" + text + "' to a store path: " + e, e);
    }
  }

  private StorePath parseOrFollow(String text) throws IOException {
    try {
      if (text.startsWith(storeDir().path() + "/")) {
        return storeDir().parse(text);
      }
      String physical = layout.physicalStoreDir() + "/";
      Path abs = Path.of(text).toAbsolutePath().normalize();
      if (abs.toString().startsWith(physical)) {
        return new StoreDir(layout.physicalStoreDir().toString()).parse(abs.toString());
      }
      if (!text.contains("/")) {
        return StorePath.parseBaseName(text);
      }
      if (Files.isSymbolicLink(abs)) {
        // An out-link or profile: follow it to the store path, as nix-store does.
        Path real = abs.toRealPath();
        if (real.startsWith(layout.physicalStoreDir())) {
          return parsePath(real.toString());
        }
      }
      throw new IllegalArgumentException(
          "'" + text + "' is not in the store directory " + storeDir().path());
    } catch (IllegalArgumentException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  /** Returns the absolute logical form of {@code path}. */
  public String print(StorePath path) {
    return storeDir().print(path);
  }

  /** Returns whether {@code path} is registered as valid. */
  public boolean isValid(StorePath path) throws StoreException {
    return db.isValid(path);
  }

  /** Returns what the store knows of {@code path}, or empty when it is not valid. */
  public Optional<PathInfo> pathInfo(StorePath path) throws StoreException {
    return db.pathInfo(path);
  }

  /**
   * Returns what the store knows of {@code path}.
   *
   * @throws StoreException if it is not valid
   */
  public PathInfo requirePathInfo(StorePath path) throws StoreException {
    return db.pathInfo(path).orElseThrow(() -> notValid(path));
  }

  /**
   * Returns what the store knows of those of {@code paths} that are valid (the others have no
   * entry), asking the database in batches.
   */
  public Map<StorePath, PathInfo> pathInfos(Collection<StorePath> paths) throws StoreException {
    return db.pathInfos(paths);
  }

  /**
   * Returns what the store knows of each of {@code paths}, in their order, asking the database in
   * batches: for thousands of paths, the way to ask.
   *
   * @throws StoreException naming the first that is not valid
   */
  public List<PathInfo> requirePathInfos(Collection<StorePath> paths) throws StoreException {
    Map<StorePath, PathInfo> infos = db.pathInfos(paths);
    List<PathInfo> out = new ArrayList<>(paths.size());
    for (StorePath p : paths) {
      PathInfo info = infos.get(p);
      if (info == null) {
        throw notValid(p);
      }
      out.add(info);
    }
    return out;
  }

  /**
   * Returns those of {@code paths} that are not valid, in the order given, asking the database in
   * batches.
   */
  public Set<StorePath> missing(Collection<StorePath> paths) throws StoreException {
    Set<StorePath> valid = db.validAmong(paths);
    Set<StorePath> missing = new LinkedHashSet<>();
    for (StorePath p : paths) {
      if (!valid.contains(p)) {
        missing.add(p);
      }
    }
    return missing;
  }

  private StoreException notValid(StorePath path) {
    return new StoreException(
        print(path)
            + " is not a valid path in the store at "
            + layout.root()
            + "; add, build or import it first");
  }

  /** Returns the paths {@code path} refers to. */
  public SortedSet<StorePath> references(StorePath path) throws StoreException {
    return requirePathInfo(path).references();
  }

  /** Returns the valid paths that refer to {@code path}. */
  public SortedSet<StorePath> referrers(StorePath path) throws StoreException {
    requirePathInfo(path);
    return db.referrers(path);
  }

  /**
   * Returns the closure of {@code paths}: them and everything they refer to, directly or not,
   * ordered so that every path comes after the paths it refers to.
   */
  public List<StorePath> closure(Collection<StorePath> paths) throws StoreException {
    Set<StorePath> valid = db.validAmong(paths);
    for (StorePath p : paths) {
      if (!valid.contains(p)) {
        throw notValid(p);
      }
    }
    return Graphs.closureTopological(db.graph(), paths);
  }

  /**
   * Adds the file or directory tree at {@code source}, as {@code nix-store --add} does: the path is
   * made from the NAR hash of the contents and {@code name}.
   *
   * @throws StoreException if {@code name} is not a valid store path name or {@code source} is
   *     unreadable
   */
  public StorePath addPath(Path source, String name) throws IOException {
    return addPaths(List.of(new Addition(source, name))).get(0);
  }

  /** A file or tree to add, and the name of its store path. */
  public record Addition(Path source, String name) {
    /**
     * Checks what can be checked before anything is read: the name, and that the source exists.
     *
     * @throws StoreException saying which of the two is wrong
     */
    public void check() throws StoreException {
      checkName(name);
      if (!Files.exists(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new StoreException(source + " does not exist; give a file or directory to add");
      }
    }
  }

  /**
   * Adds each of {@code additions} as {@link #addPath} does, all or none: every source is copied
   * first, then all are moved in and registered at once, as an import is. A source that is missing
   * or unreadable adds nothing. Returns their paths, in order.
   *
   * @throws StoreException naming the first invalid name, missing source or unreadable tree
   */
  public List<StorePath> addPaths(List<Addition> additions) throws IOException {
    for (Addition a : additions) {
      a.check();
    }
    NarWriter.Copier copier = new NarWriter.Copier();
    Map<StorePath, Move> moves = new LinkedHashMap<>();
    List<StorePath> paths = new ArrayList<>();
    // One directory for all the copies: what is left in it at the end (paths valid already, a
    // second copy of one path, or everything after a failure) goes with it.
    Path scratch = newScratchDir("add");
    try {
      for (Addition a : additions) {
        Path tree = scratch.resolve(Integer.toString(paths.size()));
        NarSummary nar = copier.start(a.source(), tree); // read; the copy may still be written
        StorePath path = storeDir().makeSourcePath(nar.narHash(), a.name(), List.of(), false);
        PathInfo info =
            new PathInfo(
                path,
                nar.narHash(),
                nar.narSize(),
                new TreeSet<>(),
                Optional.empty(),
                Instant.now());
        moves.putIfAbsent(path, new Move(tree, info));
        paths.add(path);
      }
      copier.await();
      installAll(moves);
      return paths;
    } catch (Throwable e) {
      copier.abandon(); // nothing may still be writing into what is deleted
      throw e;
    } finally {
      Canonicalizer.deleteTree(scratch);
    }
  }

  /**
   * Adds the tree at {@code source} as a content-addressed path whose references are those of
   * {@code candidates} its contents mention (file contents, names and symlink targets), as Nix does
   * for paths that point into the store, such as profiles.
   */
  public StorePath addTree(Path source, String name, Collection<StorePath> candidates)
      throws IOException {
    checkName(name);
    // One read of the source tells the path; a tree already in the store (a profile that did not
    // change, say) is not copied at all.
    ReferenceScanner scanner = new ReferenceScanner(candidates);
    HashingOutputStream sink = new HashingOutputStream(scanner);
    NarWriter.dump(source, sink);
    Hash hash = sink.hash();
    StorePath path = storeDir().makeSourcePath(hash, name, scanner.found(), false);
    if (rootIfValid(path)) {
      return path;
    }
    Path scratch = newScratchDir("tree");
    try {
      Path tree = scratch.resolve("tree");
      NarSummary nar = NarWriter.copy(source, tree);
      if (!nar.narHash().equals(hash)) {
        throw new StoreException(
            "'" + source + "' changed while Cairn was adding it; retry when nothing writes to it");
      }
      install(path, tree, nar, scanner.found(), Optional.empty());
      return path;
    } finally {
      Canonicalizer.deleteTree(scratch);
    }
  }

  /** Adds a text file with the given references, as Nix's {@code builtins.toFile}. */
  public StorePath addText(String name, String text, Collection<StorePath> references)
      throws IOException {
    checkName(name);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StorePath path = storeDir().makeTextPath(Hash.sha256(bytes), name, references);
    if (rootIfValid(path)) {
      return path;
    }
    Path scratch = newScratchDir("text");
    try {
      Path file = scratch.resolve("file");
      Files.write(file, bytes);
      Canonicalizer.canonicalize(file);
      NarSummary nar = NarWriter.hash(file);
      install(path, file, nar, Set.copyOf(references), Optional.empty());
      return path;
    } finally {
      Canonicalizer.deleteTree(scratch);
    }
  }

  private static void checkName(String name) throws StoreException {
    try {
      StorePath.checkName(name);
    } catch (IllegalArgumentException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  /**
   * Moves the finished, canonical tree {@code tree} to {@code path} and registers it, unless
   * another process got there first. Holds the path's lock so that writers of one path take turns.
   */
  private void install(
      StorePath path,
      Path tree,
      NarSummary nar,
      Set<StorePath> references,
      Optional<StorePath> deriver)
      throws IOException {
    try (PathLock lock = lockPath(path)) {
      if (isValid(path)) {
        addTempRoot(path);
        return;
      }
      PathInfo info =
          new PathInfo(
              path,
              nar.narHash(),
              nar.narSize(),
              new TreeSet<>(references),
              deriver,
              Instant.now());
      registerMoved(List.of(new Move(tree, info)));
    }
  }

  /** A finished tree and what to register once it is in place. */
  record Move(Path tree, PathInfo info) {}

  /**
   * Moves each tree into the store and registers them all in one transaction, under the shared
   * garbage-collector lock, rooting them for this process so that a collector that runs next does
   * not take them before the caller has rooted them for good.
   */
  void registerMoved(List<Move> moves) throws IOException {
    try (InterProcessLock.Held gc = gcLock.shared()) {
      List<Path> moved = new ArrayList<>();
      try {
        for (Move m : moves) {
          Path target = layout.physical(m.info().path());
          moveIntoStore(m.tree(), target);
          moved.add(target);
        }
      } catch (IOException | RuntimeException e) {
        // Nothing is registered: the trees moved in already go too, not left for a collector.
        // (Should the registration itself fail, they stay: unregistered, so never valid, and
        // removed by the next add of the same path or by gc.)
        for (Path p : moved) {
          Cleanup.deleteAfterFailure(p, e);
        }
        throw e;
      }
      db.register(moves.stream().map(Move::info).toList());
      addTempRootsLocked(moves.stream().map(m -> m.info().path()).toList());
    }
  }

  /**
   * Renames a canonical tree into the store. Renaming a directory needs write permission on it (its
   * {@code ..} entry changes), so the top directory is writable only for the move.
   */
  private static void moveIntoStore(Path tree, Path target) throws IOException {
    boolean dir = Files.isDirectory(tree, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    if (dir) {
      Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    try {
      // rename(2): it replaces a file or an empty directory left there, and refuses the rest.
      Files.move(tree, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileSystemException e) {
      if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw e;
      }
      Canonicalizer.deleteTree(target); // an unregistered leftover of a killed writer
      Files.move(tree, target, StandardCopyOption.ATOMIC_MOVE);
    }
    if (dir) {
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
  }

  /**
   * Registers {@code path}, whose files a build has just written in place, after making them
   * canonical and finding which of {@code candidates} (and itself) they refer to.
   */
  public PathInfo registerBuilt(
      StorePath path, Collection<StorePath> candidates, Optional<StorePath> deriver)
      throws IOException {
    Path physical = layout.physical(path);
    Canonicalizer.canonicalize(physical);
    List<StorePath> all = new ArrayList<>(candidates);
    all.add(path);
    ReferenceScanner scanner = new ReferenceScanner(all);
    HashingOutputStream sink = new HashingOutputStream(scanner);
    NarWriter.dump(physical, sink);
    PathInfo info =
        new PathInfo(path, sink.hash(), sink.count(), scanner.found(), deriver, Instant.now());
    try (InterProcessLock.Held gc = gcLock.shared()) {
      db.register(List.of(info));
      addTempRootLocked(path);
    }
    return info;
  }

  /**
   * Takes the lock of {@code path}, waiting while another thread or process holds it: the lock a
   * writer holds while it builds or imports that path.
   */
  public PathLock lockPath(StorePath path) throws IOException {
    return pathLocks.lock(path);
  }

  /** Takes the lock of {@code path} if no one holds it; returns null otherwise. */
  PathLock tryLockPath(StorePath path) throws IOException {
    return pathLocks.tryLock(path);
  }

  /**
   * Keeps {@code path} (and so its closure) from the garbage collector for as long as this store is
   * open.
   *
   * @throws StoreException if {@code path} is not valid (a collector may have just taken it)
   */
  public void addTempRoot(StorePath path) throws IOException {
    addTempRoots(List.of(path));
  }

  /** As {@link #addTempRoot}, for many paths in one query and one write. */
  private void addTempRoots(Collection<StorePath> paths) throws IOException {
    try (InterProcessLock.Held gc = gcLock.shared()) {
      Set<StorePath> valid = db.validAmong(paths);
      for (StorePath p : paths) {
        if (!valid.contains(p)) {
          throw new StoreException(
              print(p) + " is not valid (it may have just been garbage-collected); build it again");
        }
      }
      addTempRootsLocked(paths);
    }
  }

  /**
   * Roots {@code path} for this process if it is valid, atomically with respect to the collector.
   *
   * @return whether it was valid (and is now rooted)
   */
  public boolean rootIfValid(StorePath path) throws IOException {
    try (InterProcessLock.Held gc = gcLock.shared()) {
      if (!isValid(path)) {
        return false;
      }
      addTempRootLocked(path);
      return true;
    }
  }

  private synchronized void addTempRootLocked(StorePath path) throws IOException {
    addTempRootsLocked(List.of(path));
  }

  private synchronized void addTempRootsLocked(Collection<StorePath> paths) throws IOException {
    if (tempRoots == null) {
      tempRoots = TempRoots.create(layout.tempRootsDir());
    }
    tempRoots.add(paths);
  }

  /**
   * Makes {@code link} a symlink to {@code path} and registers it as an indirect root (as
   * nix-build's {@code result} links): the path stays as long as the link points to it.
   */
  public void addRoot(Path link, StorePath path) throws IOException {
    try (InterProcessLock.Held gc = gcLock.shared()) {
      if (!isValid(path)) {
        throw new StoreException(print(path) + " is not valid; cannot make a root for it");
      }
      Path abs = link.toAbsolutePath().normalize();
      Files.createDirectories(abs.getParent());
      Profiles.replaceSymlink(abs, layout.physical(path));
      Path auto = layout.gcRootsDir().resolve("auto");
      Files.createDirectories(auto);
      String key =
          Hash.sha256(abs.toString().getBytes(StandardCharsets.UTF_8)).toBase32().substring(0, 32);
      Profiles.replaceSymlink(auto.resolve(key), abs);
    }
  }

  /** Writes the NAR serialisation of {@code path} to {@code out}. */
  public void dump(StorePath path, OutputStream out) throws IOException {
    requirePathInfo(path);
    NarWriter.dump(layout.physical(path), out);
  }

  /**
   * Writes {@code paths}, in an order where references come first, as a stream that {@code
   * nix-store --import} reads.
   */
  public void export(Collection<StorePath> paths, OutputStream out) throws IOException {
    writeExport(exportOrder(paths), out); // in order by construction: nothing to check
  }

  /**
   * Returns what the store knows of {@code paths}, ordered as an export writes them: every path
   * after those of them it refers to.
   *
   * @throws StoreException naming the first that is not valid
   */
  public List<PathInfo> exportOrder(Collection<StorePath> paths) throws StoreException {
    return requirePathInfos(Graphs.sortTopological(db.graph(), paths));
  }

  /**
   * Writes an export stream of the paths {@code sorted} describes, in that order, which must put
   * every path after those of them it refers to (as {@link #exportOrder} and {@link #closure} order
   * them): Nix imports a stream path by path.
   *
   * @throws StoreException if a path comes before one of them it refers to; nothing is written
   */
  public void exportInOrder(List<PathInfo> sorted, OutputStream out) throws IOException {
    Set<StorePath> all = new HashSet<>();
    sorted.forEach(i -> all.add(i.path()));
    Set<StorePath> seen = new HashSet<>();
    for (PathInfo info : sorted) {
      for (StorePath r : info.references()) {
        if (!r.equals(info.path()) && all.contains(r) && !seen.contains(r)) {
          throw new StoreException(
              "cannot export " + info.path() + " before " + r + ", which it refers to");
        }
      }
      seen.add(info.path());
    }
    writeExport(sorted, out);
  }

  private void writeExport(List<PathInfo> sorted, OutputStream out) throws IOException {
    ExportWriter writer = new ExportWriter(out, storeDir());
    for (PathInfo info : sorted) {
      writer.write(info.path(), layout.physical(info.path()), info.references(), info.deriver());
    }
    writer.finish();
  }

  /**
   * Imports a {@code nix-store --export} stream. Every path is restored and checked before any is
   * registered; the valid ones become valid together, so an interrupted or corrupt import registers
   * nothing.
   *
   * @return the paths in the stream, in stream order
   * @throws StoreException if the stream is corrupt or a reference is neither valid nor in the
   *     stream; nothing is registered then
   */
  public List<StorePath> importPaths(InputStream in) throws IOException {
    return importPaths(in, null);
  }

  /**
   * Imports a {@code nix-store --export} stream whose paths must have the NAR hashes of {@code
   * expected} (the export format carries none, so a transport sends them beside the stream). A path
   * missing from {@code expected}, or with another NAR hash, fails the import before anything is
   * registered.
   *
   * @param expected the NAR hash of every path in the stream, or null to check none
   * @throws StoreException as {@link #importPaths(InputStream)}, or naming the path whose NAR hash
   *     differs
   */
  public List<StorePath> importPaths(InputStream in, Map<StorePath, Hash> expected)
      throws IOException {
    Path scratch = newScratchDir("import");
    ExportReader reader = new ExportReader(in, storeDir());
    try {
      Map<StorePath, Move> moves = new LinkedHashMap<>();
      List<StorePath> order = new ArrayList<>();
      for (int i = 0; ; i++) {
        Path tree = scratch.resolve(Integer.toString(i));
        Optional<ExportedPath> next = reader.next(tree);
        if (next.isEmpty()) {
          break;
        }
        ExportedPath e = next.get();
        checkExpected(e, expected);
        order.add(e.path());
        PathInfo info =
            new PathInfo(
                e.path(),
                e.nar().narHash(),
                e.nar().narSize(),
                e.references(),
                e.deriver(),
                Instant.now());
        moves.put(e.path(), new Move(tree, info));
      }
      reader.awaitWrites(); // files are written on a thread of their own while the stream is read
      installAll(moves);
      return order;
    } catch (IOException | RuntimeException e) {
      reader.awaitAfter(e); // nothing may still be writing into the scratch directory
      throw e;
    } finally {
      Canonicalizer.deleteTree(scratch);
    }
  }

  private void checkExpected(ExportedPath e, Map<StorePath, Hash> expected) throws StoreException {
    if (expected == null) {
      return;
    }
    Hash want = expected.get(e.path());
    if (want == null) {
      throw new StoreException(
          "cannot import "
              + print(e.path())
              + ": the sender did not announce it; nothing imported");
    }
    if (!want.equals(e.nar().narHash())) {
      throw new StoreException(
          "cannot import "
              + print(e.path())
              + ": its NAR hash is "
              + e.nar().narHash().toNixString()
              + " but the sender announced "
              + want.toNixString()
              + " (corrupted in transit, or the sender's store is damaged: run 'cairn store"
              + " verify --check-contents' there); nothing imported");
    }
  }

  /**
   * Moves in and registers, at once, the trees of {@code moves} whose paths are not valid yet,
   * under all their locks; those valid already stay where they are, and are rooted for this
   * process.
   */
  private void installAll(Map<StorePath, Move> moves) throws IOException {
    try (PathLock locks = pathLocks.lockAll(moves.keySet())) {
      List<Move> fresh = new ArrayList<>();
      List<StorePath> already = new ArrayList<>();
      Set<StorePath> valid = db.validAmong(moves.keySet());
      for (Move m : moves.values()) {
        checkReferencesKnown(m.info(), moves.keySet());
        if (valid.contains(m.info().path())) {
          already.add(m.info().path());
        } else {
          fresh.add(m); // canonical already: ExportReader restores it so
        }
      }
      addTempRoots(already);
      registerMoved(fresh);
    }
  }

  private void checkReferencesKnown(PathInfo info, Set<StorePath> inStream) throws StoreException {
    for (StorePath r : info.references()) {
      if (!inStream.contains(r) && !r.equals(info.path()) && !isValid(r)) {
        throw new StoreException(
            "cannot import "
                + print(info.path())
                + ": it refers to "
                + print(r)
                + ", which is neither in the stream nor valid here; export the whole closure"
                + " (cairn store export $(cairn store closure PATH))");
      }
    }
  }

  /** Checks every valid path (and, with {@code checkContents}, its NAR hash). */
  public VerifyReport verify(boolean checkContents) throws IOException {
    return new Verifier(this, db).run(checkContents);
  }

  /** Collects garbage: deletes every path not reachable from a root. */
  public GcReport collectGarbage(GcOptions options) throws IOException {
    try (InterProcessLock.Held gc = gcLock.exclusive()) {
      return new GarbageCollector(this, db).run(options);
    }
  }

  /** Returns a fresh private directory under the root's {@code tmp/}; the caller deletes it. */
  public Path newScratchDir(String purpose) throws IOException {
    // The owner's PID first, so that the collector can tell a dead writer's leftovers.
    long pid = ProcessHandle.current().pid();
    Path dir = layout.tmpDir().resolve(pid + "-" + purpose + "-" + UUID.randomUUID());
    Files.createDirectories(dir);
    return dir;
  }

  StoreDb db() {
    return db;
  }

  @Override
  public void close() throws IOException {
    try {
      synchronized (this) {
        if (tempRoots != null) {
          tempRoots.close();
          tempRoots = null;
        }
      }
    } finally {
      db.close();
    }
  }
}
