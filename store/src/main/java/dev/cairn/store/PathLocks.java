package dev.cairn.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The locks of store paths: one byte each of a lock file, at an offset taken from the path's hash
 * part, held across processes with file locks and across threads of this JVM with a lock per offset
 * (the JVM forbids overlapping file locks within one process). The bytes are spread over 32 files
 * by the hash part's first letter: few files, so that an importer holding the locks of thousands of
 * paths holds a few descriptors, not thousands; but not one, because Linux keeps a file's locks in
 * a list that it walks for every lock taken or released, so one file holding thousands of them
 * costs time quadratic in their number.
 *
 * <p>POSIX drops all of a process's locks on a file when it closes any descriptor of that file, so
 * the JVM keeps one channel per lock file, opened while any lock of it is held or wanted and closed
 * once none is.
 */
final class PathLocks {
  private static final ConcurrentHashMap<Path, PathLocks> FILES = new ConcurrentHashMap<>();

  /** Base-32 letters of the hash part that make the offset: 60 bits. */
  private static final int OFFSET_LETTERS = 12;

  /** The offset's first letter (its top 5 bits) picks the lock file. */
  private static final int SHARD_SHIFT = 5 * (OFFSET_LETTERS - 1);

  private static final long MAX_PAUSE_MILLIS = 50;

  private final Path dir;
  private final ConcurrentHashMap<Long, ReentrantLock> threads = new ConcurrentHashMap<>();
  private final Shard[] shards = new Shard[32];

  private PathLocks(Path dir) {
    this.dir = dir;
    for (int i = 0; i < shards.length; i++) {
      shards[i] = new Shard(dir.resolve(NixBase32.ALPHABET.charAt(i) + ".lock"));
    }
  }

  /** Returns the path locks kept in the directory {@code dir}, one object per directory here. */
  static PathLocks of(Path dir) {
    return FILES.computeIfAbsent(dir.toAbsolutePath().normalize(), PathLocks::new);
  }

  /** Waits for the lock of {@code path}. */
  PathLock lock(StorePath path) throws IOException {
    return lockAll(List.of(path));
  }

  /**
   * Waits for the locks of all {@code paths}, taken in ascending order of offset so that two
   * callers locking overlapping sets cannot deadlock.
   */
  PathLock lockAll(Collection<StorePath> paths) throws IOException {
    List<PathLock> held = new ArrayList<>();
    try {
      for (long offset : offsets(paths)) {
        held.add(take(offset, true));
      }
    } catch (IOException | RuntimeException e) {
      closeAll(held);
      throw e;
    }
    return () -> closeAll(held);
  }

  /** Takes the lock of {@code path} if no thread or process holds it; returns null otherwise. */
  PathLock tryLock(StorePath path) throws IOException {
    return take(offset(path), false);
  }

  /**
   * Takes the lock at {@code offset}: the in-JVM side first, then the byte of the file. The file
   * lock is polled with the non-blocking {@code tryLock} of an asynchronous channel because an
   * interrupt during a blocking {@code FileChannel.lock} would close the shared channel, and so
   * drop every lock this process holds on the file.
   */
  private PathLock take(long offset, boolean wait) throws IOException {
    ReentrantLock inJvm = threads.computeIfAbsent(offset, o -> new ReentrantLock());
    if (inJvm.isHeldByCurrentThread()) {
      throw new IllegalStateException("this thread holds the path lock at " + offset + " already");
    }
    if (wait) {
      inJvm.lock();
    } else if (!inJvm.tryLock()) {
      return null;
    }
    Shard shard = shards[(int) (offset >>> SHARD_SHIFT)];
    FileLock fileLock = null;
    try {
      AsynchronousFileChannel c = shard.open();
      try {
        fileLock = poll(c, offset, wait);
      } finally {
        if (fileLock == null) {
          shard.closeIfUnused();
        }
      }
    } finally {
      if (fileLock == null) {
        inJvm.unlock();
      }
    }
    FileLock held = fileLock;
    return held == null ? null : () -> release(held, shard, inJvm);
  }

  private FileLock poll(AsynchronousFileChannel c, long offset, boolean wait) throws IOException {
    for (long pause = 1; ; pause = Math.min(pause * 2, MAX_PAUSE_MILLIS)) {
      FileLock fileLock = c.tryLock(offset, 1, false);
      if (fileLock != null || !wait) {
        return fileLock;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for a path lock in " + dir);
      }
    }
  }

  private static void release(FileLock fileLock, Shard shard, ReentrantLock inJvm)
      throws IOException {
    try {
      fileLock.release();
    } finally {
      try {
        shard.closeIfUnused();
      } finally {
        inJvm.unlock();
      }
    }
  }

  /** One lock file, and its channel while any of its locks is held or wanted. */
  private static final class Shard {
    private final Path file;
    private AsynchronousFileChannel channel;
    private int users;

    Shard(Path file) {
      this.file = file;
    }

    synchronized AsynchronousFileChannel open() throws IOException {
      if (channel == null) {
        channel =
            InterProcessLock.openLockFile(
                file, f -> AsynchronousFileChannel.open(f, InterProcessLock.LOCK_FILE, null));
      }
      users++;
      return channel;
    }

    synchronized void closeIfUnused() throws IOException {
      if (--users == 0) {
        AsynchronousFileChannel c = channel;
        channel = null;
        c.close();
      }
    }
  }

  private static TreeSet<Long> offsets(Collection<StorePath> paths) {
    TreeSet<Long> offsets = new TreeSet<>(); // distinct: two paths may share an offset
    for (StorePath p : paths) {
      offsets.add(offset(p));
    }
    return offsets;
  }

  /** The first letters of the hash part as a number, so offsets sort as the paths do. */
  static long offset(StorePath path) {
    long offset = 0;
    for (int i = 0; i < OFFSET_LETTERS; i++) {
      offset = offset * 32 + NixBase32.ALPHABET.indexOf(path.hashPart().charAt(i));
    }
    return offset;
  }

  private static void closeAll(List<PathLock> held) throws IOException {
    IOException failure = null;
    for (int i = held.size() - 1; i >= 0; i--) {
      try {
        held.get(i).close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
