package dev.cairn.agent;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * Writes a payload as chunks (see {@link Frames}); {@link #close} ends it without closing the
 * stream underneath, {@link #abort} tells the reader the payload is incomplete. Counts the bytes it
 * puts on the wire and reports them as they go.
 */
final class ChunkedOutputStream extends OutputStream {
  /** Waits until the receiver has read enough that {@code more} bytes may follow {@code sent}. */
  interface Window {
    Window NONE = (sent, more) -> {};

    void awaitRoom(long sent, int more) throws IOException;
  }

  private final DataOutputStream out;
  private final Window window;
  private final LongConsumer progress;

  /**
   * A chunk's length, then its bytes: the two leave in one write, not a 4-byte write before each
   * chunk (a system call, and a pipe buffer of its own, per 256 KiB).
   */
  private final byte[] buffer = new byte[HEADER + Frames.CHUNK];

  private static final int HEADER = 4;
  private int filled = HEADER;
  private long wire;
  private long sent;
  private boolean ended;

  ChunkedOutputStream(DataOutputStream out, Window window, LongConsumer progress) {
    this.out = out;
    this.window = window;
    this.progress = progress;
  }

  @Override
  public void write(int b) throws IOException {
    if (filled == buffer.length) {
      flushChunk();
    }
    buffer[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (filled == buffer.length) {
        flushChunk();
      }
      int n = Math.min(len, buffer.length - filled);
      System.arraycopy(b, off, buffer, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  private void flushChunk() throws IOException {
    int length = filled - HEADER;
    if (length > 0) {
      window.awaitRoom(sent, length);
      buffer[0] = (byte) (length >>> 24);
      buffer[1] = (byte) (length >>> 16);
      buffer[2] = (byte) (length >>> 8);
      buffer[3] = (byte) length;
      out.write(buffer, 0, filled);
      sent += length;
      wire += filled;
      filled = HEADER;
      progress.accept(wire);
    }
  }

  /** Returns the bytes written to the wire so far. */
  long wireBytes() {
    return wire;
  }

  /** Marks the payload incomplete, so the reader discards it. */
  void abort() throws IOException {
    if (!ended) {
      ended = true;
      out.writeInt(Frames.ABORTED);
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    if (!ended) {
      flushChunk();
      ended = true;
      out.writeInt(0);
      wire += 4;
      out.flush();
      progress.accept(wire);
    }
  }
}
