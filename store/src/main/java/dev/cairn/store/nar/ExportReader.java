package dev.cairn.store.nar;

import dev.cairn.store.StoreDir;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads a {@code nix-store --export} stream (see {@link ExportWriter} for the format), restoring
 * each path's NAR as it goes. A legacy signature block (1 and a string, written by old Nix) is read
 * and ignored. The stream is read in exact amounts and never past its end marker.
 */
public final class ExportReader {
  private final NarInput in;
  private final NarParser parser;
  private final StoreDir dir;
  private boolean finished;

  /**
   * Reads from {@code in} (wrap it in a buffered stream for speed), expecting paths in {@code dir}.
   */
  public ExportReader(InputStream in, StoreDir dir) {
    this.in = new NarInput(Objects.requireNonNull(in, "in"));
    this.parser = new NarParser(this.in, true);
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /**
   * Restores the next path's NAR at {@code restoreTarget} as a canonical store tree (see {@link
   * Canonicalizer}), and reads its trailer. {@code restoreTarget} must be a new name in a directory
   * that only the caller writes to, such as a fresh scratch directory: it is not checked, and
   * should something be there after all, restoring fails and deletes it. The tree's files are
   * written on a thread of their own: it is complete only after {@link #awaitWrites}, which also
   * reports a failure to write it (or an earlier one); delete the trees after that.
   *
   * @return the path and its metadata, or empty after the end marker
   * @throws NarFormatException if the stream is corrupt, truncated, ends without its end marker, or
   *     names a path outside the store directory; nothing is then left at {@code restoreTarget}
   * @throws IOException if reading fails, or writing this tree or an earlier one did; nothing is
   *     then left at {@code restoreTarget}
   */
  public Optional<ExportedPath> next(Path restoreTarget) throws IOException {
    if (finished) {
      return Optional.empty();
    }
    long marker = in.readLong("marker of the next path (1) or of the end (0)");
    if (marker == ExportFormat.END) {
      finished = true;
      return Optional.empty();
    }
    if (marker != ExportFormat.NEXT_PATH) {
      throw in.fail(
          "found "
              + Long.toUnsignedString(marker)
              + " where 1 (another path) or 0 (the end) belongs; is this a nix-store --export"
              + " stream?");
    }
    NarSummary nar = parser.restoreUnchecked(restoreTarget);
    try {
      return Optional.of(trailer(nar));
    } catch (IOException | RuntimeException e) {
      parser.abandon(restoreTarget, e);
      throw e;
    }
  }

  /**
   * Waits until every path read so far is on disk: their files are written on a thread of their own
   * while the stream is read. Call it before using the trees {@link #next} restored.
   *
   * @throws IOException if writing one of them failed
   */
  public void awaitWrites() throws IOException {
    parser.finish(null);
  }

  /**
   * Waits until nothing is being written any more, as the trees are about to be deleted after
   * {@code failure}; a failure to write is added to it.
   */
  public void awaitAfter(Exception failure) {
    parser.awaitAfter(failure);
  }

  private ExportedPath trailer(NarSummary nar) throws IOException {
    in.entry("");
    long magic = in.readLong("trailer magic");
    if (magic != ExportFormat.TRAILER_MAGIC) {
      throw in.fail("the trailer after the NAR does not start with the export magic 'NIXE'");
    }
    StorePath path = storePath("store path");
    in.entry(dir.print(path));
    SortedSet<StorePath> references = references();
    String deriver = string("deriver");
    Optional<StorePath> derivedFrom =
        deriver.isEmpty() ? Optional.empty() : Optional.of(parse(deriver, "deriver"));
    skipSignature();
    return new ExportedPath(path, references, derivedFrom, nar);
  }

  private SortedSet<StorePath> references() throws IOException {
    long count = in.readLong("number of references");
    if (count < 0 || count > ExportFormat.MAX_REFERENCES) {
      throw in.fail(
          "claims " + Long.toUnsignedString(count) + " references, more than Cairn accepts");
    }
    SortedSet<StorePath> references = new TreeSet<>();
    for (long i = 0; i < count; i++) {
      references.add(storePath("reference"));
    }
    return references;
  }

  private void skipSignature() throws IOException {
    long flag = in.readLong("signature flag");
    if (flag == 1) {
      in.readString(ExportFormat.MAX_SIGNATURE, "legacy signature");
    } else if (flag != 0) {
      throw in.fail("signature flag is " + Long.toUnsignedString(flag) + ", not 0 or 1");
    }
  }

  private StorePath storePath(String what) throws IOException {
    return parse(string(what), what);
  }

  private String string(String what) throws IOException {
    return new String(in.readString(ExportFormat.MAX_PATH, what), StandardCharsets.UTF_8);
  }

  private StorePath parse(String text, String what) throws NarFormatException {
    try {
      StorePath path = dir.parse(text);
      if (!dir.print(path).equals(text)) {
        throw new IllegalArgumentException("'" + text + "' is inside a store path, not one");
      }
      return path;
    } catch (IllegalArgumentException e) {
      String otherDir = storeDirOf(text);
      if (otherDir != null) { // a sound stream, from a store with another directory
        throw new NarFormatException(
            "the stream holds "
                + text
                + ", a path of the store directory "
                + otherDir
                + ", not of "
                + dir.path()
                + "; import it into a store with --store-dir "
                + otherDir);
      }
      throw in.fail(
          what
              + " '"
              + Nar.printable(text.getBytes(StandardCharsets.UTF_8))
              + "' is not a store path in "
              + dir.path()
              + " ("
              + e.getMessage()
              + "); import into a store with that directory");
    }
  }

  /**
   * The directory of {@code text} if it is a store path there (an absolute directory, then a valid
   * store path name), else null.
   */
  private static String storeDirOf(String text) {
    int slash = text.lastIndexOf('/');
    try {
      StoreDir other = new StoreDir(text.substring(0, Math.max(slash, 0)));
      return other.print(other.parse(text)).equals(text) ? other.path() : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
