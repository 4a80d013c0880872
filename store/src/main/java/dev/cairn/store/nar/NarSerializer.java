package dev.cairn.store.nar;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.READ;

import dev.cairn.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Serialises a file tree as a NAR into a {@link Sink}, optionally copying the tree on the way.
 *
 * <p>Tokens and file contents share one buffer, so a directory of small files costs one read per
 * file and one sink call per 256 KiB (per {@link #PIPE_CHUNK} or so for a channel), and big files
 * stream in constant memory. Nothing is ever followed: attributes come from {@code lstat} and files
 * are opened with {@code O_NOFOLLOW}. A copy is made canonical as it is written (see {@link
 * Canonicalizer}), entry by entry, by a {@link TreeWriter} on a thread of its own while this one
 * reads and hashes; one serialiser may serialise many trees in turn, reusing its buffer. Written to
 * a {@link ChannelOutput}, large files skip the buffer and go from file to channel in the kernel.
 */
final class NarSerializer {
  /** Receives the NAR bytes. */
  @FunctionalInterface
  interface Sink {
    void write(byte[] bytes, int offset, int length) throws IOException;

    /**
     * A sink writing to {@code out}, and directly to its channel if it is a {@link ChannelOutput}.
     */
    static Sink of(OutputStream out) {
      return out instanceof ChannelOutput channel ? new Direct(channel) : out::write;
    }
  }

  /** A sink whose channel takes large file contents straight from their files. */
  private record Direct(ChannelOutput out) implements Sink {
    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }
  }

  /**
   * Files at least this large go to a {@link Direct} sink's channel by {@code sendfile}: no copy
   * into the JVM and out again. Smaller ones go through the buffer with the tokens around them, one
   * write for many files.
   */
  static final int DIRECT_MIN = 64 << 10;

  /**
   * How much a {@link Direct} sink's channel gets at a time: the buffer goes at the end of the
   * first file that takes it to this size, half a pipe's capacity (so a write is this much plus at
   * most one file under {@link #DIRECT_MIN}); a {@link ChannelOutput} passes a write of at least
   * half its buffer (standard output's: 64 KiB) straight on, and keeps a NAR's shorter tail. The
   * channel is typically a pipe ({@code cairn store dump … | sha256sum}) whose reader works while
   * this thread reads the next files; a 256 KiB write into a 64 KiB pipe would wait for the reader
   * to take three quarters of it, so that the two ran in turn instead of side by side (20,000 small
   * files: 0.74 s against 0.61 s; bench/README.md).
   */
  static final int PIPE_CHUNK = 32 << 10;

  private record Entry(byte[] name, Path path) {}

  private static final byte[] ZEROS = new byte[8];

  private final byte[] buffer = new byte[Nar.BUFFER_SIZE];
  private final ByteBuffer window = ByteBuffer.wrap(buffer);
  private final Sink sink;

  /** The buffer is flushed at the end of a file once it holds this much. */
  private final int flushAt;

  private int used;
  private long size;

  /** Makes the copy, on a thread of its own, when there is one to make. */
  private TreeWriter writer;

  NarSerializer(Sink sink) {
    this.sink = sink;
    this.flushAt = sink instanceof Direct ? PIPE_CHUNK : buffer.length;
  }

  /**
   * Writes the NAR of {@code source}; if {@code copy} is not null, also recreates the tree there.
   *
   * @return the NAR size in bytes
   */
  long serialize(Path source, Path copy) throws IOException {
    long size = serializeAhead(source, copy);
    awaitCopies(); // the copy is complete only once the writer is done
    return size;
  }

  /**
   * As {@link #serialize}, but returns once {@code source} is read: the copy may still be being
   * written, and a failure to write it shows at the next call or at {@link #awaitCopies}.
   */
  long serializeAhead(Path source, Path copy) throws IOException {
    used = 0;
    size = 0;
    if (copy != null && writer == null) {
      writer = new TreeWriter(true);
    }
    try {
      write(Nar.MAGIC_WIRE);
      node(source, copy);
      flush();
      return size;
    } catch (IOException | RuntimeException e) {
      if (copy != null) {
        writer.awaitAfter(e); // nothing may still be writing when the caller deletes the copy
      }
      throw e;
    }
  }

  /** Waits until every copy asked for so far is written, and reports the first failure. */
  void awaitCopies() throws IOException {
    if (writer != null) {
      writer.await();
    }
  }

  /**
   * Gives up the copies not yet written: returns once nothing writes any more, whatever failed or
   * interrupts the wait, so that the caller may delete them.
   */
  void abandonCopies() {
    if (writer != null) {
      writer.abandon();
    }
  }

  private void node(Path path, Path copy) throws IOException {
    PosixFileAttributes attributes =
        Files.readAttributes(path, PosixFileAttributes.class, NOFOLLOW_LINKS);
    if (attributes.isRegularFile()) {
      regular(path, attributes, copy);
    } else if (attributes.isDirectory()) {
      directory(path, copy);
    } else if (attributes.isSymbolicLink()) {
      symlink(path, copy);
    } else {
      throw new StoreException(
          "'"
              + path
              + "' is neither a regular file, a directory nor a symlink; remove it, a NAR cannot"
              + " hold it");
    }
    write(Nar.CLOSE);
  }

  private void regular(Path path, PosixFileAttributes attributes, Path copy) throws IOException {
    boolean executable = attributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
    write(Nar.REGULAR);
    if (executable) {
      write(Nar.EXECUTABLE);
    }
    write(Nar.CONTENTS);
    writeLong(attributes.size());
    if (copy != null) {
      writer.createFile(copy, executable);
    }
    try (FileChannel in = FileChannel.open(path, READ, NOFOLLOW_LINKS)) {
      contents(path, in, attributes.size(), copy != null);
    }
    if (used >= flushAt) {
      flush();
    }
    if (copy != null) {
      writer.closeFile(copy, executable);
    }
  }

  private void contents(Path path, FileChannel in, long length, boolean copy) throws IOException {
    if (copy && length >= TreeWriter.POOLED) {
      copyLarge(path, in, length);
      return;
    }
    long sent =
        !copy && length >= DIRECT_MIN && sink instanceof Direct d
            ? transfer(path, in, length, d)
            : 0;
    for (long left = length - sent; left > 0; ) {
      if (used == buffer.length) {
        flush();
      }
      window.limit(used + (int) Math.min(left, buffer.length - used)).position(used);
      int read = in.read(window);
      if (read < 0) {
        throw shrank(path);
      }
      if (copy) {
        writer.write(Arrays.copyOfRange(buffer, used, used + read));
      }
      used += read;
      left -= read;
    }
    writePadding(length);
  }

  /**
   * Sends the contents straight from the file to the channel under {@code direct}, and returns how
   * many bytes it sent: all of them, or fewer if the channel stopped taking them (a non-blocking
   * pipe that is full), the rest then going through the buffer.
   */
  private long transfer(Path path, FileChannel in, long length, Direct direct) throws IOException {
    flush(); // everything before goes first
    long done = 0;
    while (done < length) {
      long n = direct.out().transferFrom(in, done, length - done);
      if (n > 0) {
        done += n;
      } else if (in.size() <= done) {
        throw shrank(path);
      } else {
        in.position(done);
        break;
      }
    }
    size += done;
    return done;
  }

  /**
   * The contents of a file being copied that is not small ({@link TreeWriter#POOLED}): read into
   * the writer's reused arrays, which go to the sink and then to the writer, instead of through the
   * buffer and an array of their own for the writer (as much garbage as the tree holds).
   */
  private void copyLarge(Path path, FileChannel in, long length) throws IOException {
    flush();
    for (long left = length; left > 0; ) {
      int want = (int) Math.min(left, Nar.BUFFER_SIZE);
      byte[] chunk = writer.chunk(want);
      ByteBuffer into = ByteBuffer.wrap(chunk, 0, want);
      while (into.hasRemaining()) {
        if (in.read(into) < 0) {
          throw shrank(path);
        }
      }
      sink.write(chunk, 0, want);
      size += want;
      writer.write(chunk, want);
      left -= want;
    }
    writePadding(length);
  }

  private static StoreException shrank(Path path) {
    return new StoreException(
        "'" + path + "' shrank while Cairn was archiving it; retry when nothing writes to it");
  }

  private void directory(Path dir, Path copy) throws IOException {
    write(Nar.DIRECTORY);
    if (copy != null) {
      writer.createDirectory(copy);
    }
    for (Entry entry : sortedEntries(dir)) {
      write(Nar.ENTRY);
      writeString(entry.name());
      write(Nar.NODE);
      node(entry.path(), copy == null ? null : copy.resolve(entry.path().getFileName()));
      write(Nar.CLOSE);
    }
    if (copy != null) {
      writer.finishDirectory(copy);
    }
  }

  /** Nix sorts entries as std::string, that is by unsigned bytes. */
  private static List<Entry> sortedEntries(Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        entries.add(new Entry(FileNames.nameBytes(child), child));
      }
    }
    entries.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
    return entries;
  }

  private void symlink(Path link, Path copy) throws IOException {
    Path target = Files.readSymbolicLink(link);
    write(Nar.SYMLINK);
    writeString(FileNames.targetBytes(link, target));
    if (copy != null) {
      // The target Path keeps readlink's raw bytes, so the copy is verbatim.
      writer.createSymbolicLink(copy, target);
    }
  }

  private void writeString(byte[] bytes) throws IOException {
    writeLong(bytes.length);
    write(bytes, bytes.length);
    writePadding(bytes.length);
  }

  private void writePadding(long length) throws IOException {
    write(ZEROS, Nar.padding(length));
  }

  private void writeLong(long value) throws IOException {
    if (buffer.length - used < 8) {
      flush();
    }
    Nar.putLong(buffer, used, value);
    used += 8;
  }

  private void write(byte[] bytes) throws IOException {
    write(bytes, bytes.length);
  }

  private void write(byte[] bytes, int length) throws IOException {
    for (int done = 0; done < length; ) {
      if (used == buffer.length) {
        flush();
      }
      int n = Math.min(length - done, buffer.length - used);
      System.arraycopy(bytes, done, buffer, used, n);
      used += n;
      done += n;
    }
  }

  private void flush() throws IOException {
    sink.write(buffer, 0, used);
    size += used;
    used = 0;
  }
}
