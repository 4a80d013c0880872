package dev.cairn.store.nar;

import dev.cairn.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Unpacks an untrusted NAR into a new file tree.
 *
 * <p>Only the canonical form {@code nix-store --dump} writes is accepted: names must be non-empty,
 * not {@code .} or {@code ..}, free of {@code /} and NUL, at most 255 bytes, and in strictly
 * ascending byte order; symlink targets are at most 4096 bytes and are created verbatim, never
 * followed, wherever they point. Files stream through a bounded buffer whatever their size.
 */
public final class NarRestorer {
  private NarRestorer() {}

  /**
   * Reads exactly one NAR from {@code in}, stopping right after its final byte, and restores it at
   * {@code target}, whose parent must exist. The restored tree has default timestamps and
   * permissions (executables get execute for all); see {@link Canonicalizer}.
   *
   * <p>{@code in} is read in exact amounts and never past the NAR, so the caller can go on reading
   * after it; wrap an unbuffered stream in a {@link java.io.BufferedInputStream} for speed.
   *
   * @return the SHA-256 and size of the bytes consumed
   * @throws NarFormatException if the archive is corrupt, truncated or hostile, naming the entry
   *     and byte offset; nothing is then left at {@code target}
   * @throws StoreException if {@code target} exists
   * @throws IOException if reading or writing fails; nothing is then left at {@code target}
   */
  public static NarSummary restore(InputStream in, Path target) throws IOException {
    NarParser parser = new NarParser(new NarInput(in), false);
    NarSummary nar = parser.restore(target);
    parser.finish(target);
    return nar;
  }
}
