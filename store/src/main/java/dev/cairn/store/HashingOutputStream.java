package dev.cairn.store;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Hashes and counts what passes through, and hands it on to another stream. */
final class HashingOutputStream extends OutputStream {
  private final MessageDigest digest = Hash.newDigest();
  private final OutputStream next;
  private long count;

  HashingOutputStream(OutputStream next) {
    this.next = next;
  }

  @Override
  public void write(int b) throws IOException {
    digest.update((byte) b);
    count++;
    next.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    digest.update(b, off, len);
    count += len;
    next.write(b, off, len);
  }

  Hash hash() {
    return Hash.of(digest.digest());
  }

  long count() {
    return count;
  }
}
