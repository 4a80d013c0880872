package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.store.nar.NarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
  @TempDir Path tmp;

  @Test
  void addedTreeIsReadOnlyCanonicalAndValid() throws Exception {
    Path src = StoreFixture.tree(tmp.resolve("src"), "a.txt", "hello", "sub/b.txt", "world");
    try (LocalStore store = StoreFixture.open(tmp.resolve("root"))) {
      StorePath p = store.addPath(src, "src");
      Path file = store.layout().physical(p).resolve("sub/b.txt");
      assertThat(file).hasContent("world");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("r--r--r--");
      assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1000);
      assertThat(store.requirePathInfo(p).references()).isEmpty();
      assertThat(store.addPath(src, "src")).isEqualTo(p);
      assertThat(store.verify(true).ok()).isTrue();
      assertThat(Files.list(store.layout().tmpDir())).as("the second copy is gone").isEmpty();
    }
  }

  @Test
  void addPathsAddsAllOrNone() throws Exception {
    Path src = StoreFixture.tree(tmp.resolve("src"), "a", "one", "b", "two", "d/e", "three");
    Path fifo = src.resolve("c");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    try (LocalStore store = StoreFixture.open(tmp.resolve("root"))) {
      StorePath b = store.addPath(src.resolve("b"), "b");

      assertThatThrownBy(
              () ->
                  store.addPaths(
                      List.of(
                          new LocalStore.Addition(src.resolve("a"), "a"),
                          new LocalStore.Addition(fifo, "c"),
                          new LocalStore.Addition(src.resolve("d"), "d"))))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(fifo.toString());
      assertThatThrownBy(
              () ->
                  store.addPaths(
                      List.of(
                          new LocalStore.Addition(src.resolve("a"), "a"),
                          new LocalStore.Addition(src.resolve("missing"), "m"))))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(src.resolve("missing") + " does not exist");
      assertThat(Files.list(store.layout().physicalStoreDir())).hasSize(1);

      List<StorePath> added =
          store.addPaths(
              List.of(
                  new LocalStore.Addition(src.resolve("a"), "a"),
                  new LocalStore.Addition(src.resolve("b"), "b"),
                  new LocalStore.Addition(src.resolve("d"), "d"),
                  new LocalStore.Addition(src.resolve("a"), "a")));
      assertThat(added).hasSize(4).element(1).isEqualTo(b);
      assertThat(added.get(3)).isEqualTo(added.get(0));
      assertThat(store.layout().physical(added.get(2)).resolve("e")).hasContent("three");
      assertThat(Files.list(store.layout().physicalStoreDir())).hasSize(3);
      assertThat(Files.list(store.layout().tmpDir())).isEmpty();
      assertThat(store.verify(true).ok()).isTrue();
    }
  }

  @Test
  void anUnregisteredLeftoverAtThePathIsReplaced() throws Exception {
    Path tree = StoreFixture.tree(tmp.resolve("src"), "a.txt", "hello", "sub/b.txt", "world");
    Path file = Files.writeString(tmp.resolve("file"), "one");
    List<StorePath> paths =
        pathsOf(new LocalStore.Addition(tree, "src"), new LocalStore.Addition(file, "file"));
    StorePath treePath = paths.get(0);
    StorePath filePath = paths.get(1);
    try (LocalStore store = StoreFixture.openNix(tmp.resolve("root"))) {
      // What a writer killed between its move and its registration leaves: a read-only tree with
      // other contents where the tree goes, and a directory where the file goes.
      Path stale = store.layout().physical(treePath);
      StoreFixture.tree(stale, "half", "written");
      Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("r-xr-xr-x"));
      Files.createDirectories(store.layout().physical(filePath).resolve("x"));

      assertThat(store.addPath(tree, "src")).isEqualTo(treePath);
      assertThat(store.addPath(file, "file")).isEqualTo(filePath);

      assertThat(stale.resolve("half")).doesNotExist();
      assertThat(store.layout().physical(filePath)).isRegularFile().hasContent("one");
      assertThat(store.verify(true).ok()).isTrue();
    }
  }

  /**
   * A move into the store that fails after others succeeded takes those back: nothing of the batch
   * stays in the store directory. An immutable file (chattr +i; the tests run as root) in a
   * leftover where the second path goes makes its move fail.
   */
  @Test
  void aFailedMoveTakesBackTheTreesMovedBeforeIt() throws Exception {
    Path a = Files.writeString(tmp.resolve("a"), "one");
    Path b = Files.writeString(tmp.resolve("b"), "two");
    List<LocalStore.Addition> both =
        List.of(new LocalStore.Addition(a, "a"), new LocalStore.Addition(b, "b"));
    List<StorePath> paths = pathsOf(both.toArray(LocalStore.Addition[]::new));
    StorePath pa = paths.get(0);
    StorePath pb = paths.get(1);
    try (LocalStore store = StoreFixture.openNix(tmp.resolve("root"))) {
      Path stuck = Files.createDirectories(store.layout().physical(pb)).resolve("stuck");
      Files.writeString(stuck, "x");
      assumeTrue(chattr("+i", stuck), "chattr +i is needed to make a move fail");
      try {
        assertThatThrownBy(() -> store.addPaths(both)).isInstanceOf(IOException.class);
        assertThat(store.layout().physical(pa)).doesNotExist();
        assertThat(store.isValid(pa)).isFalse();
        assertThat(store.isValid(pb)).isFalse();
        assertThat(Files.list(store.layout().tmpDir())).isEmpty();
      } finally {
        chattr("-i", stuck);
      }
      assertThat(store.verify(true).ok()).isTrue();
    }
  }

  /** The store paths of {@code additions}, as a scratch Nix-directory store gives them. */
  private List<StorePath> pathsOf(LocalStore.Addition... additions) throws IOException {
    try (LocalStore scout = StoreFixture.openNix(tmp.resolve("scout"))) {
      return scout.addPaths(List.of(additions));
    }
  }

  private static boolean chattr(String change, Path file) throws Exception {
    return new ProcessBuilder("chattr", change, file.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor()
        == 0;
  }

  @Test
  void addingSingleFilesLeavesNothingBehindEvenWhenOneFails() throws Exception {
    Path src = StoreFixture.tree(tmp.resolve("src"), "a", "one", "b", "two");
    Path fifo = src.resolve("c");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    try (LocalStore store = StoreFixture.open(tmp.resolve("root"))) {
      StorePath a = store.addPath(src.resolve("a"), "a");
      StorePath b = store.addPath(src.resolve("b"), "b");
      assertThat(store.layout().physical(a)).isRegularFile().hasContent("one");
      assertThat(store.addPath(src.resolve("b"), "b")).isEqualTo(b);

      assertThatThrownBy(() -> store.addPath(fifo, "c"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(fifo.toString());
      assertThat(Files.list(store.layout().tmpDir())).isEmpty();
      assertThat(Files.list(store.layout().physicalStoreDir())).hasSize(2);
      assertThat(store.verify(true).ok()).isTrue();
    }
  }

  @Test
  void addedAndImportedFilesGetTheCanonicalModesAndTimes() throws Exception {
    Path src = StoreFixture.tree(tmp.resolve("src"), "doc", "text", "bin/run", "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        src.resolve("bin/run"), PosixFilePermissions.fromString("rwx------"));
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    StorePath p;
    try (LocalStore from = StoreFixture.openNix(tmp.resolve("from"))) {
      p = from.addPath(src, "src");
      assertCanonical(from.layout().physical(p));
      from.export(List.of(p), stream);
    }
    try (LocalStore to = StoreFixture.openNix(tmp.resolve("to"))) {
      to.importPaths(new ByteArrayInputStream(stream.toByteArray()));
      assertCanonical(to.layout().physical(p));
    }
  }

  @Test
  void largeFilesAreCopiedWhole() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Random random = new Random(42);
    int chunk = 256 * 1024; // the serialiser's buffer: larger files are copied in arrays of this
    for (int size : List.of(chunk, 2 * chunk + 123, 5 * chunk - 1)) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      Files.write(src.resolve("f" + size), bytes);
    }
    Files.writeString(src.resolve("small"), "small\n");
    try (LocalStore store = StoreFixture.open(tmp.resolve("root"))) {
      StorePath p = store.addPath(src, "large");
      Path copy = store.layout().physical(p);
      try (Stream<Path> files = Files.list(src)) {
        for (Path f : files.toList()) {
          assertThat(copy.resolve(f.getFileName().toString())).hasSameBinaryContentAs(f);
        }
      }
      assertThat(store.requirePathInfo(p).narHash()).isEqualTo(NarWriter.hash(src).narHash());
      assertThat(store.verify(true).ok()).isTrue();
    }
  }

  /** Files are created with their final modes where the umask allows: check the result. */
  private static void assertCanonical(Path tree) throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("doc"))))
        .isEqualTo("r--r--r--");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("bin/run"))))
        .isEqualTo("r-xr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("bin"))))
        .isEqualTo("r-xr-xr-x");
    for (String f : List.of("doc", "bin/run", "bin", "")) {
      assertThat(Files.getLastModifiedTime(tree.resolve(f)).toMillis()).as(f).isEqualTo(1000);
    }
  }

  @Test
  void pathInfosOfMoreThanABatchKeepOrderAndReferences() throws Exception {
    try (LocalStore store = StoreFixture.open(tmp)) {
      List<StorePath> chain = new ArrayList<>();
      for (int i = 0; i < StoreDb.BATCH * 2 + 3; i++) {
        chain.add(
            i == 0
                ? StoreFixture.text(store, "p0")
                : StoreFixture.text(store, "p" + i, chain.get(i - 1)));
      }
      List<StorePath> asked = new ArrayList<>(chain);
      Collections.reverse(asked);
      asked.add(chain.get(5)); // twice
      List<PathInfo> infos = store.requirePathInfos(asked);
      assertThat(infos).extracting(PathInfo::path).containsExactlyElementsOf(asked);
      for (PathInfo info : infos) {
        assertThat(info).isEqualTo(store.requirePathInfo(info.path())); // one at a time agrees
      }
      assertThat(infos.get(0).references()).containsExactly(chain.get(chain.size() - 2));

      StorePath absent = StorePath.parseBaseName("0".repeat(32) + "-absent");
      List<StorePath> withAbsent = new ArrayList<>(chain);
      withAbsent.add(StoreDb.BATCH, absent);
      assertThat(store.missing(withAbsent)).containsExactly(absent);
      assertThat(store.missing(List.of())).isEmpty();
      assertThatThrownBy(() -> store.requirePathInfos(withAbsent))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(absent.baseName() + " is not a valid path");
    }
  }

  @Test
  void closureListsReferencesFirst() throws Exception {
    try (LocalStore store = StoreFixture.open(tmp)) {
      StorePath a = StoreFixture.text(store, "a");
      StorePath b = StoreFixture.text(store, "b", a);
      StorePath c = StoreFixture.text(store, "c", b, a);
      assertThat(store.closure(List.of(c))).containsExactly(a, b, c);
      StorePath absent = StorePath.parseBaseName("0".repeat(32) + "-absent");
      assertThatThrownBy(() -> store.closure(List.of(c, absent)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(absent.baseName() + " is not a valid path");
      assertThat(store.referrers(a)).containsExactlyInAnyOrder(b, c);
      assertThat(store.references(c)).containsExactlyInAnyOrder(a, b);
    }
  }

  @Test
  void exportThenImportIntoAnotherStoreKeepsTheClosure() throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<StorePath> closure;
    try (LocalStore from = StoreFixture.openNix(tmp.resolve("from"))) {
      StorePath a = StoreFixture.text(from, "a");
      StorePath b = StoreFixture.text(from, "b", a);
      closure = from.closure(List.of(b));
      from.export(closure, stream);
    }
    try (LocalStore to = StoreFixture.openNix(tmp.resolve("to"))) {
      assertThat(to.importPaths(new ByteArrayInputStream(stream.toByteArray())))
          .containsExactlyElementsOf(closure);
      assertThat(to.closure(List.of(closure.get(1)))).isEqualTo(closure);
      assertThat(to.verify(true).ok()).isTrue();
      // Again: the paths are valid already, so they are only rooted, and nothing else changes.
      assertThat(to.importPaths(new ByteArrayInputStream(stream.toByteArray())))
          .containsExactlyElementsOf(closure);
      assertThat(to.verify(true).ok()).isTrue();
    }
  }

  @Test
  void exportInOrderWritesTheGivenOrderAndRefusesOneWithAReferenceAfterItsReferrer()
      throws Exception {
    try (LocalStore store = StoreFixture.openNix(tmp.resolve("from"))) {
      StorePath a = StoreFixture.text(store, "a");
      StorePath b = StoreFixture.text(store, "b", a);
      StorePath c = StoreFixture.text(store, "c");
      List<PathInfo> sorted = store.exportOrder(List.of(c, b, a));
      assertThat(sorted.indexOf(store.requirePathInfo(a)))
          .isLessThan(sorted.indexOf(store.requirePathInfo(b)));
      ByteArrayOutputStream viaOrder = new ByteArrayOutputStream();
      store.exportInOrder(sorted, viaOrder);
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      store.export(List.of(c, b, a), plain);
      assertThat(viaOrder.toByteArray()).isEqualTo(plain.toByteArray());

      // b before a, which it refers to: Nix would refuse the stream; nothing is written.
      ByteArrayOutputStream wrong = new ByteArrayOutputStream();
      List<PathInfo> reversed = store.requirePathInfos(List.of(b, a));
      assertThatThrownBy(() -> store.exportInOrder(reversed, wrong))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("before " + a);
      assertThat(wrong.size()).isZero();
      // Without a among the exported paths, b alone is in order (a is the receiver's to have).
      store.exportInOrder(store.requirePathInfos(List.of(b)), new ByteArrayOutputStream());
    }
  }

  @Test
  void importMissingAReferenceRegistersNothing() throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    StorePath b;
    try (LocalStore from = StoreFixture.openNix(tmp.resolve("from"))) {
      StorePath a = StoreFixture.text(from, "a");
      b = StoreFixture.text(from, "b", a);
      from.export(List.of(b), stream);
    }
    try (LocalStore to = StoreFixture.openNix(tmp.resolve("to"))) {
      assertThatThrownBy(() -> to.importPaths(new ByteArrayInputStream(stream.toByteArray())))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("neither in the stream nor valid");
      assertThat(to.isValid(b)).isFalse();
      assertThat(to.layout().physical(b)).doesNotExist();
      assertThat(Files.list(to.layout().tmpDir())).isEmpty();
    }
  }

  @Test
  void concurrentWritersOfOnePathTakeTurns() throws Exception {
    Path src = StoreFixture.tree(tmp.resolve("src"), "f", "x".repeat(100_000));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (LocalStore store = StoreFixture.open(tmp.resolve("root"))) {
      List<Future<StorePath>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> store.addPath(src, "same")));
      }
      StorePath first = results.get(0).get();
      for (Future<StorePath> r : results) {
        assertThat(r.get()).isEqualTo(first);
      }
      assertThat(store.verify(true).ok()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesAnotherStoreDirectoryForTheSameRoot() throws Exception {
    StoreFixture.open(tmp).close();
    assertThatThrownBy(() -> LocalStore.open(StoreLayout.of(tmp, "/nix/store")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("--store-dir " + tmp.resolve("store"));
  }

  @Test
  void verifyReportsChangedContents() throws Exception {
    Path src = StoreFixture.tree(tmp.resolve("src"), "f", "one");
    try (LocalStore store = StoreFixture.open(tmp.resolve("root"))) {
      StorePath p = store.addPath(src, "f");
      Path f = store.layout().physical(p).resolve("f");
      Files.setPosixFilePermissions(
          store.layout().physical(p), PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
      Files.writeString(f, "two");
      VerifyReport report = store.verify(true);
      assertThat(report.problems()).singleElement().asString().contains(store.print(p), "changed");
      assertThat(store.verify(false).ok()).isTrue();
    }
  }
}
