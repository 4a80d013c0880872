package dev.cairn.store.nar;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.Hash;
import dev.cairn.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NarWriterTest {
  @TempDir Path tmp;

  static byte[] dump(Path path) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NarWriter.dump(path, out);
    return out.toByteArray();
  }

  @Test
  void dumpIsByteIdenticalToNixStoreDump() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));

    byte[] nix = NixTool.run(new byte[0], "nix-store", "--dump", tree.toString());

    assertThat(dump(tree)).isEqualTo(nix);
  }

  @Test
  void dumpsSingleFilesAndTopLevelSymlinksLikeNix() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    for (String name : new String[] {"a", "empty", "eight", "nine", "run.sh", "link", "big"}) {
      Path path = tree.resolve(name);
      byte[] nix = NixTool.run(new byte[0], "nix-store", "--dump", path.toString());
      assertThat(dump(path)).as(name).isEqualTo(nix);
    }
  }

  @Test
  void hashIsSha256OfDumpAndMatchesNixHash() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    byte[] nar = dump(tree);

    NarSummary summary = NarWriter.hash(tree);

    assertThat(summary).isEqualTo(new NarSummary(Hash.sha256(nar), nar.length));
    assertThat(summary.narHash().toBase32())
        .isEqualTo(NixTool.text("nix-hash", "--type", "sha256", "--base32", tree.toString()));
  }

  /**
   * As the import's ({@code NarRestorerTest.contentsReuseTheWritersArrays}): files that do not fill
   * a chunk are copied through the writer's reused arrays, not one array each.
   */
  @Test
  void copiesOfMidSizedFilesReuseTheWritersArrays() throws Exception {
    int files = 640;
    byte[] contents = new byte[64 << 10];
    Arrays.fill(contents, (byte) 'x');
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    Path full = Files.createDirectory(tmp.resolve("full"));
    for (int i = 0; i < files; i++) {
      Files.createFile(empty.resolve("f" + i));
      Files.write(full.resolve("f" + i), contents);
    }
    // What the same entries cost without contents (names, paths, steps), to set apart.
    long entries = allocatedBy(() -> NarWriter.copy(empty, tmp.resolve("empty-copy")));

    long allocated = allocatedBy(() -> NarWriter.copy(full, tmp.resolve("full-copy")));

    assertThat(allocated - entries)
        .as("bytes allocated copying %d bytes of contents", (long) files * contents.length)
        // The budget's arrays, plus room for what the first run of the contents' code loads
        // and a busy machine's backlog; one array per file would be 40 MiB and more.
        .isLessThan(TreeWriter.IN_FLIGHT + (8L << 20));
    assertThat(dump(tmp.resolve("full-copy"))).isEqualTo(dump(full));
  }

  /** The bytes this thread allocates while it runs {@code work}. */
  static long allocatedBy(Callable<?> work) throws Exception {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    work.call();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  @Test
  void copyRecreatesTheTreeAndHashesTheSource() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    Path copy = tmp.resolve("copy");

    NarSummary summary = NarWriter.copy(tree, copy);

    assertThat(summary).isEqualTo(NarWriter.hash(tree));
    assertThat(dump(copy)).isEqualTo(dump(tree));
    assertThat(Files.readSymbolicLink(copy.resolve("dangling"))).hasToString("does/not/exist");
    assertThat(Files.getPosixFilePermissions(copy.resolve("run.sh")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
  }

  @Test
  void copyRefusesAnExistingTarget() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    Path target = Files.createDirectory(tmp.resolve("copy"));

    assertThatThrownBy(() -> NarWriter.copy(tree, target))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(target.toString());
    assertThat(target).isEmptyDirectory();
  }

  @Test
  void failedCopyLeavesNothing() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    Path fifo = tree.resolve("nested/zz-fifo");
    NixTool.run(new byte[0], "mkfifo", fifo.toString());
    Path copy = tmp.resolve("copy");

    assertThatThrownBy(() -> NarWriter.copy(tree, copy))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(fifo.toString());
    assertThat(Files.exists(copy, NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void copiesInTurnReuseTheWriterThreads() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    NarSummary want = NarWriter.hash(tree);
    long before = writerThreads(); // idle ones another test left, reused here or gone in a second

    for (int i = 0; i < 40; i++) {
      assertThat(NarWriter.copy(tree, tmp.resolve("copy-" + i))).isEqualTo(want);
    }

    // A thread each leaves 40 alive, for a second after their copy (checked by making the pool
    // refuse every hand-over). Reused, there are one or a few: a copy that starts while the last
    // one's thread, its work done, is not back in the pool yet gets another, and on a busy machine
    // that can happen twice in a row (CI saw three). The bound tells reuse from none with room.
    assertThat(writerThreads()).isLessThan(before + 10);
  }

  @Test
  void copiesAtOnceEachGetTheirOwnTree() throws Exception {
    Path one = SampleTree.create(tmp.resolve("one"));
    Path two = Files.writeString(Files.createDirectory(tmp.resolve("two")).resolve("f"), "two");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<NarSummary>> copies = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Path source = i % 2 == 0 ? one : two.getParent();
        Path target = tmp.resolve("copy-" + i);
        copies.add(pool.submit(() -> NarWriter.copy(source, target)));
      }
      for (int i = 0; i < 20; i++) {
        Path source = i % 2 == 0 ? one : two.getParent();
        assertThat(copies.get(i).get()).isEqualTo(NarWriter.hash(source));
        assertThat(dump(tmp.resolve("copy-" + i))).isEqualTo(dump(source));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static long writerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("cairn-restore") && t.isAlive())
        .count();
  }
}
