package dev.cairn.agent;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a chunked payload (see {@link Frames}) and ends where it ends; an aborted payload is an
 * error, so that nothing of it is taken for complete. {@link #drain} skips what the consumer left.
 */
final class ChunkedInputStream extends InputStream {
  /** Told how many payload bytes were read, each time a chunk has been read to its end. */
  interface Acknowledger {
    void read(long bytes) throws IOException;
  }

  private final DataInputStream in;
  private final Acknowledger acknowledger;
  private int left;
  private boolean ended;
  private long total;
  private long acknowledged;

  ChunkedInputStream(DataInputStream in, Acknowledger acknowledger) {
    this.in = in;
    this.acknowledger = acknowledger;
  }

  private boolean fill() throws IOException {
    while (left == 0 && !ended) {
      if (total > acknowledged) { // a chunk read to its end: the sender may send another
        acknowledged = total;
        acknowledger.read(total);
      }
      int n = in.readInt();
      if (n == Frames.ABORTED) {
        ended = true;
        throw new Frames.ProtocolException("the sender aborted the transfer half-way");
      }
      if (n < 0 || n > Frames.CHUNK) {
        throw new Frames.ProtocolException("a chunk of " + n + " bytes; the stream is out of step");
      }
      if (n == 0) {
        ended = true;
      }
      left = n;
    }
    return left > 0;
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    left--;
    total++;
    return in.readUnsignedByte();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = in.read(b, off, Math.min(len, left));
    if (n < 0) {
      throw new java.io.EOFException("the stream ended inside a chunk");
    }
    left -= n;
    total += n;
    return n;
  }

  /** Returns the payload bytes read so far. */
  long total() {
    return total;
  }

  /** Skips to the end of the payload, so the next frame can be read. */
  void drain() throws IOException {
    byte[] skip = new byte[8192];
    while (read(skip, 0, skip.length) >= 0) {
      // skipping
    }
  }

  @Override
  public void close() {
    // The stream underneath carries the next frames.
  }
}
