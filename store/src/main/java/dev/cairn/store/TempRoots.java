package dev.cairn.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The store paths a running process uses without a permanent root: its build inputs and fresh
 * outputs. Each open store appends them to its own file under {@code temproots/} and holds a lock
 * on that file for as long as it lives; the garbage collector keeps the paths listed in files whose
 * owner still holds the lock and deletes the files of processes that are gone.
 */
final class TempRoots implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final Set<String> added = new HashSet<>();

  private TempRoots(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  static TempRoots create(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID());
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new TempRoots(file, channel, channel.lock());
  }

  /** Records {@code paths}, in one write; the caller holds the shared garbage-collector lock. */
  synchronized void add(Collection<StorePath> paths) throws IOException {
    Set<String> fresh = new LinkedHashSet<>();
    for (StorePath p : paths) {
      if (!added.contains(p.baseName())) {
        fresh.add(p.baseName());
      }
    }
    StringBuilder lines = new StringBuilder();
    fresh.forEach(name -> lines.append(name).append('\n'));
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    added.addAll(fresh); // only once written: a failed write leaves them to be written again
  }

  /**
   * Reads the temporary roots of every live process, this one included, and deletes the files of
   * dead ones. The caller holds the exclusive garbage-collector lock.
   */
  static Set<String> readLive(Path dir) throws IOException {
    Set<String> roots = new HashSet<>();
    if (!Files.isDirectory(dir)) {
      return roots;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        readOne(f, roots);
      }
    }
    return roots;
  }

  private static void readOne(Path f, Set<String> roots) throws IOException {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock probe;
      try {
        probe = ch.tryLock();
      } catch (OverlappingFileLockException ours) {
        probe = null; // held by a store of this very process: alive
      }
      if (probe != null) {
        // Nobody holds it: its process is gone.
        Files.deleteIfExists(f);
        probe.release();
        return;
      }
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          roots.add(line.strip());
        }
      }
    } catch (NoSuchFileException gone) {
      // Its owner closed it meanwhile.
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      Files.deleteIfExists(file);
      lock.release();
    } finally {
      channel.close();
    }
  }
}
