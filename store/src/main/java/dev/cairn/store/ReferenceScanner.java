package dev.cairn.store;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds which candidate store paths a byte stream mentions, by looking for their 32-letter hash
 * parts, as Nix does: the stream is a NAR, so file contents, names and symlink targets are all
 * seen. Windows of 32 base-32 letters are looked up in a hash set; a letter outside the alphabet
 * lets the scan skip ahead past it.
 */
final class ReferenceScanner extends OutputStream {
  private static final int HASH = StorePath.HASH_LENGTH;

  private final Map<String, StorePath> candidates = new HashMap<>();
  private final SortedSet<StorePath> found = new TreeSet<>();
  private final byte[] carry = new byte[HASH - 1];
  private int carryLength;

  ReferenceScanner(Collection<StorePath> candidates) {
    for (StorePath p : candidates) {
      this.candidates.put(p.hashPart(), p);
    }
  }

  SortedSet<StorePath> found() {
    return found;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    if (candidates.isEmpty() || len == 0) {
      return;
    }
    if (carryLength > 0) {
      // Windows that straddle the previous chunk and this one.
      int head = Math.min(len, HASH - 1);
      byte[] joined = new byte[carryLength + head];
      System.arraycopy(carry, 0, joined, 0, carryLength);
      System.arraycopy(b, off, joined, carryLength, head);
      scan(joined, 0, joined.length);
    }
    scan(b, off, len);
    keepTail(b, off, len);
  }

  private void keepTail(byte[] b, int off, int len) {
    if (len >= HASH - 1) {
      System.arraycopy(b, off + len - (HASH - 1), carry, 0, HASH - 1);
      carryLength = HASH - 1;
      return;
    }
    int keep = Math.min(HASH - 1, carryLength + len);
    byte[] joined = new byte[carryLength + len];
    System.arraycopy(carry, 0, joined, 0, carryLength);
    System.arraycopy(b, off, joined, carryLength, len);
    System.arraycopy(joined, joined.length - keep, carry, 0, keep);
    carryLength = keep;
  }

  private void scan(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i + HASH <= end) {
      int j = HASH - 1;
      while (j >= 0 && NixBase32.isDigit(b[i + j])) {
        j--;
      }
      if (j >= 0) {
        i += j + 1;
        continue;
      }
      StorePath hit = candidates.get(new String(b, i, HASH, StandardCharsets.US_ASCII));
      if (hit != null) {
        found.add(hit);
      }
      i++;
    }
  }
}
