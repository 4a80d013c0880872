package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathLocksTest {
  private static final StorePath A = StorePath.parseBaseName("0" + "a".repeat(31) + "-a");
  private static final StorePath B = StorePath.parseBaseName("1" + "a".repeat(31) + "-b");

  @TempDir Path dir;

  @Test
  void aHeldPathCannotBeTakenByAnotherThreadButOthersCan() throws Exception {
    PathLocks locks = PathLocks.of(dir.resolve("paths"));
    try (PathLock held = locks.lock(A)) {
      assertThat(
              CompletableFuture.supplyAsync(() -> tryLockAndRelease(locks, A), Background.threads())
                  .get())
          .isFalse();
      assertThat(
              CompletableFuture.supplyAsync(() -> tryLockAndRelease(locks, B), Background.threads())
                  .get())
          .isTrue();
    }
    assertThat(
            CompletableFuture.supplyAsync(() -> tryLockAndRelease(locks, A), Background.threads())
                .get())
        .isTrue();
  }

  @Test
  void aWaitingWriterGetsThePathOnceItIsReleased() throws Exception {
    PathLocks locks = PathLocks.of(dir.resolve("paths"));
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Void> second;
    try (PathLock held = locks.lock(A)) {
      second =
          CompletableFuture.runAsync(
              () -> {
                waiting.countDown();
                try (PathLock l = locks.lock(A)) {
                  // taken
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              },
              Background.threads());
      waiting.await();
      Thread.sleep(50);
      assertThat(second).isNotDone();
    }
    second.get(10, TimeUnit.SECONDS);
  }

  @Test
  void thousandsOfLocksHoldFewDescriptors() throws Exception {
    PathLocks locks = PathLocks.of(dir.resolve("paths"));
    List<StorePath> paths = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String hash = NixBase32.ALPHABET.charAt(i % 32) + String.format("%031d", i);
      paths.add(StorePath.parseBaseName(hash + "-p" + i));
    }
    locks.lock(paths.get(0)).close(); // makes the lock directory
    Path lockDir = dir.resolve("paths").toRealPath();
    try (PathLock all = locks.lockAll(paths)) {
      // A lock file each, not a path. Only descriptors of the lock files count: the JVM and the
      // test runner open others of their own at any time (entropy, sockets, listings).
      assertThat(descriptorsUnder(lockDir)).hasSizeBetween(1, 32);
      try (Stream<Path> files = Files.list(dir.resolve("paths"))) {
        assertThat(files.count()).as("lock files, by first letter").isEqualTo(32);
      }
      for (int i : List.of(0, 1, 31, 2999)) {
        StorePath p = paths.get(i);
        assertThat(
                CompletableFuture.supplyAsync(
                        () -> tryLockAndRelease(locks, p), Background.threads())
                    .get())
            .isFalse();
      }
    }
    assertThat(descriptorsUnder(lockDir)).as("lock files still open").isEmpty();
    assertThat(tryLockAndRelease(locks, paths.get(2999))).isTrue();
  }

  /** What each open descriptor refers to, for a failure's message. */
  private static List<String> descriptorTargets() throws IOException {
    List<String> targets = new ArrayList<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          targets.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
        } catch (IOException e) {
          targets.add(fd.getFileName() + " (gone)");
        }
      }
    }
    return targets;
  }

  /** The open descriptors of files under {@code dir}, as "FD -> PATH". */
  private static List<String> descriptorsUnder(Path dir) throws IOException {
    return descriptorTargets().stream().filter(t -> t.contains(" -> " + dir + "/")).toList();
  }

  private static boolean tryLockAndRelease(PathLocks locks, StorePath path) {
    try {
      PathLock l = locks.tryLock(path);
      if (l == null) {
        return false;
      }
      l.close();
      return true;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
