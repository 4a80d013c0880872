package dev.cairn.store.nar;

import dev.cairn.store.StoreException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A buffered output stream over a channel, such as standard output's. The NAR writers ({@link
 * NarWriter#dump}, {@link ExportWriter}) recognise it and send large file contents to its channel
 * straight from their files ({@code sendfile}), after what was written before: the bytes do not
 * pass through the JVM, which spares copying them in and out of it.
 */
public final class ChannelOutput extends OutputStream {
  /** The JDK's message for EPIPE, a write to a pipe whose reader has gone. */
  private static final String BROKEN_PIPE = "Broken pipe";

  /** Whether {@code e}, thrown by a write, says that the reader went away (EPIPE). */
  public static boolean isBrokenPipe(IOException e) {
    return BROKEN_PIPE.equals(e.getMessage());
  }

  private final WritableByteChannel channel;
  private final String name;
  private final byte[] buffer;
  private int used;

  /**
   * A stream over {@code channel} with a buffer of {@code size} bytes; {@code name} says what the
   * channel is in the message of a failed write.
   */
  public ChannelOutput(WritableByteChannel channel, int size, String name) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.name = Objects.requireNonNull(name, "name");
    this.buffer = new byte[size];
  }

  /** A stream over this process's standard output, with a 64 KiB buffer; closing it closes it. */
  public static ChannelOutput stdout() {
    FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel();
    return new ChannelOutput(out, 64 << 10, "standard output");
  }

  @Override
  public void write(int b) throws IOException {
    if (used == buffer.length) {
      flush();
    }
    buffer[used++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length >= buffer.length / 2) {
      // Too big to gain from the buffer: copying it there saves one write at most. It goes now,
      // so a reader at the other end of a pipe gets it while the caller makes the next.
      flush();
      writeFully(ByteBuffer.wrap(bytes, offset, length));
      return;
    }
    if (length > buffer.length - used) {
      flush();
    }
    System.arraycopy(bytes, offset, buffer, used, length);
    used += length;
  }

  @Override
  public void flush() throws IOException {
    if (used > 0) {
      int n = used;
      used = 0; // bytes a write failed to take are not tried again when the stream is closed
      writeFully(ByteBuffer.wrap(buffer, 0, n));
    }
  }

  /**
   * Sends up to {@code count} bytes of {@code in}, from {@code position}, straight to the channel
   * after what is buffered ({@code sendfile}), and returns how many it took: fewer when the channel
   * stopped taking them (a full non-blocking pipe). A failed write is reported as {@link #write}
   * reports it.
   */
  long transferFrom(FileChannel in, long position, long count) throws IOException {
    flush();
    try {
      return in.transferTo(position, count, channel);
    } catch (IOException e) {
      // A read of a regular file is not what fails with EPIPE: the channel's reader went away.
      throw isBrokenPipe(e) ? writeFailed(e) : e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      channel.close();
    }
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    try {
      while (bytes.hasRemaining()) {
        if (channel.write(bytes) == 0) {
          // A non-blocking output that is full (a pipe whose reader lags): wait, do not spin.
          LockSupport.parkNanos(200_000);
        }
      }
    } catch (IOException e) {
      throw writeFailed(e);
    }
  }

  /**
   * The error to report for {@code e}, thrown by a write to the channel: it names the channel, and
   * a closed pipe says that its reader stopped early ({@code cairn store dump … | head}), not that
   * anything is wrong with the store.
   */
  private StoreException writeFailed(IOException e) {
    String why = String.valueOf(e.getMessage());
    return new StoreException(
        "cannot write to "
            + name
            + ": "
            + why
            + (why.equals(BROKEN_PIPE)
                ? " (what read it stopped before the end; nothing else is wrong)"
                : ""),
        e);
  }
}
