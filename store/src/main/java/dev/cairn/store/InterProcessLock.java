package dev.cairn.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A shared/exclusive lock on a file, held across processes with {@link FileChannel#lock} and across
 * threads of this JVM with a read-write lock: the JVM forbids two overlapping file locks from one
 * process, so threads share a single file lock while they hold the shared side.
 */
final class InterProcessLock {
  private static final ConcurrentHashMap<Path, InterProcessLock> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final ReentrantReadWriteLock threads = new ReentrantReadWriteLock();
  private final Object fileGuard = new Object();
  private int sharedHolders;
  private FileChannel channel;
  private FileLock fileLock;

  private InterProcessLock(Path file) {
    this.file = file;
  }

  /** Returns the lock of {@code file}, one object per file in this JVM. */
  static InterProcessLock of(Path file) {
    return LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), InterProcessLock::new);
  }

  /** Waits for the exclusive side. */
  Held exclusive() throws IOException {
    threads.writeLock().lock();
    try {
      synchronized (fileGuard) {
        acquireFileLock(false);
      }
    } catch (IOException | RuntimeException e) {
      threads.writeLock().unlock();
      throw e;
    }
    return () -> {
      try {
        synchronized (fileGuard) {
          releaseFileLock();
        }
      } finally {
        threads.writeLock().unlock();
      }
    };
  }

  /** Waits for the shared side. */
  Held shared() throws IOException {
    threads.readLock().lock();
    try {
      synchronized (fileGuard) {
        if (sharedHolders == 0) {
          acquireFileLock(true);
        }
        sharedHolders++;
      }
    } catch (IOException | RuntimeException e) {
      threads.readLock().unlock();
      throw e;
    }
    return () -> {
      try {
        synchronized (fileGuard) {
          if (--sharedHolders == 0) {
            releaseFileLock();
          }
        }
      } finally {
        threads.readLock().unlock();
      }
    };
  }

  private void acquireFileLock(boolean shared) throws IOException {
    openChannel();
    try {
      fileLock = channel.lock(0, Long.MAX_VALUE, shared);
    } catch (IOException | RuntimeException e) {
      closeChannel();
      throw e;
    }
  }

  private void openChannel() throws IOException {
    channel = openLockFile(file, f -> FileChannel.open(f, LOCK_FILE));
  }

  /** How a lock file is opened: made if missing, and writable, which a write lock needs. */
  static final Set<StandardOpenOption> LOCK_FILE =
      Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);

  /** Opens a lock file. */
  @FunctionalInterface
  interface Opener<C> {
    C open(Path file) throws IOException;
  }

  /**
   * Opens the lock file {@code file} with {@code opener}, making its directory only when the open
   * says it is missing (the first lock of a root): for a directory that exists, creating it again
   * costs a failed mkdir and an exception in the JDK, on every lock.
   */
  static <C> C openLockFile(Path file, Opener<C> opener) throws IOException {
    try {
      return opener.open(file);
    } catch (NoSuchFileException e) {
      Files.createDirectories(file.getParent());
      return opener.open(file);
    }
  }

  private void releaseFileLock() throws IOException {
    try {
      if (fileLock != null) {
        fileLock.release();
      }
    } finally {
      fileLock = null;
      closeChannel();
    }
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  /** A held side of the lock; closing releases it. */
  @FunctionalInterface
  interface Held extends AutoCloseable {
    @Override
    void close() throws IOException;
  }
}
