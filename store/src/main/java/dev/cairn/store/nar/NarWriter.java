package dev.cairn.store.nar;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.cairn.store.Hash;
import dev.cairn.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Serialises file trees as NAR, byte-identical to {@code nix-store --dump}: regular files (with the
 * executable flag taken from the owner-execute bit), directories with entries sorted by the bytes
 * of their names, and symlinks, which are never followed (a top-level symlink is archived as a
 * symlink). Files are streamed through a 256 KiB buffer, whatever their size.
 */
public final class NarWriter {
  private NarWriter() {}

  /**
   * Writes the NAR of {@code path} to {@code out}, which is neither flushed nor closed.
   *
   * @throws StoreException if the tree holds something a NAR cannot (a device, socket or FIFO), a
   *     name Java cannot represent exactly, or a file shrinks while being read
   * @throws IOException if reading the tree or writing {@code out} fails
   */
  public static void dump(Path path, OutputStream out) throws IOException {
    new NarSerializer(NarSerializer.Sink.of(out)).serialize(path, null);
  }

  /**
   * Returns the SHA-256 and size of the NAR of {@code path} without materialising it; this is
   * {@code nix-hash --type sha256 DIR} and the NAR hash Nix records for a store path.
   *
   * @throws StoreException for the reasons of {@link #dump}
   * @throws IOException if reading the tree fails
   */
  public static NarSummary hash(Path path) throws IOException {
    MessageDigest digest = Hash.newDigest();
    long size = new NarSerializer(digest::update).serialize(path, null);
    return new NarSummary(Hash.of(digest.digest()), size);
  }

  /**
   * Copies the tree at {@code source} to {@code target}, reading every file once, and returns the
   * NAR hash and size of {@code source}. The copy holds regular files (executable for all when the
   * source is owner-executable), directories and verbatim symlinks, and is canonical already (see
   * {@link Canonicalizer}): read-only, with the store's timestamps. On failure nothing is left at
   * {@code target}.
   *
   * @throws StoreException if {@code target} exists, or for the reasons of {@link #dump}
   * @throws IOException if reading or writing fails
   */
  public static NarSummary copy(Path source, Path target) throws IOException {
    return new Copier().copy(source, target);
  }

  /**
   * Makes copies as {@link NarWriter#copy} does, one after another, with one buffer and one digest
   * for all of them: a command that adds thousands of small files does not allocate (and zero) a
   * buffer for each. Not for use by several threads at once.
   */
  public static final class Copier {
    private final MessageDigest digest = Hash.newDigest();
    private final NarSerializer nar = new NarSerializer(digest::update);

    /** See {@link NarWriter#copy}. */
    public NarSummary copy(Path source, Path target) throws IOException {
      if (Files.exists(target, NOFOLLOW_LINKS)) {
        throw new StoreException(
            "cannot copy '" + source + "' to '" + target + "': the target exists; remove it first");
      }
      try {
        NarSummary summary = start(source, target);
        await();
        return summary;
      } catch (IOException | RuntimeException | Error e) {
        // An interrupted await returns while the writer still creates files: it must be idle
        // before the target is deleted.
        abandon();
        Cleanup.deleteAfterFailure(target, e);
        throw e;
      }
    }

    /**
     * Starts copying {@code source} to {@code target}, which must not exist, and returns the NAR
     * hash and size of {@code source} once it is read: the copy's files may still be being written,
     * while the next copy reads its source. {@link #await} waits for all of them. After a failure
     * of either, the caller deletes every target started, in whatever state.
     */
    public NarSummary start(Path source, Path target) throws IOException {
      digest.reset();
      long size = nar.serializeAhead(source, target);
      return new NarSummary(Hash.of(digest.digest()), size);
    }

    /** Waits until every copy started is written; throws the first failure to write one. */
    public void await() throws IOException {
      nar.awaitCopies();
    }

    /**
     * After a failure: returns once nothing writes into the targets any more, so that they can be
     * deleted; what was not written yet is dropped, and a failure to write is ignored.
     */
    public void abandon() {
      nar.abandonCopies();
    }
  }
}
