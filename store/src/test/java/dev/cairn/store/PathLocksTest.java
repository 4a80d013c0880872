package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathLocksTest {
  private static final StorePath A = StorePath.parseBaseName("0" + "a".repeat(31) + "-a");
  private static final StorePath B = StorePath.parseBaseName("1" + "a".repeat(31) + "-b");

  @TempDir Path dir;

  @Test
  void aHeldPathCannotBeTakenByAnotherThreadButOthersCan() throws Exception {
    PathLocks locks = PathLocks.of(dir.resolve("paths.lock"));
    try (PathLock held = locks.lock(A)) {
      assertThat(CompletableFuture.supplyAsync(() -> tryLockAndRelease(locks, A)).get()).isFalse();
      assertThat(CompletableFuture.supplyAsync(() -> tryLockAndRelease(locks, B)).get()).isTrue();
    }
    assertThat(CompletableFuture.supplyAsync(() -> tryLockAndRelease(locks, A)).get()).isTrue();
  }

  @Test
  void aWaitingWriterGetsThePathOnceItIsReleased() throws Exception {
    PathLocks locks = PathLocks.of(dir.resolve("paths.lock"));
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
              });
      waiting.await();
      Thread.sleep(50);
      assertThat(second).isNotDone();
    }
    second.get(10, TimeUnit.SECONDS);
  }

  @Test
  void thousandsOfLocksShareOneFile() throws Exception {
    PathLocks locks = PathLocks.of(dir.resolve("paths.lock"));
    List<StorePath> paths = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String hash = String.format("%032d", i);
      paths.add(StorePath.parseBaseName(hash + "-p" + i));
    }
    try (PathLock all = locks.lockAll(paths)) {
      assertThat(
              CompletableFuture.supplyAsync(() -> tryLockAndRelease(locks, paths.get(2999))).get())
          .isFalse();
    }
    assertThat(tryLockAndRelease(locks, paths.get(2999))).isTrue();
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
