package dev.cairn.store.nar;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.cairn.store.StoreException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Parses one NAR from a {@link NarInput} and restores it, accepting only the canonical form that
 * {@code nix-store --dump} writes. Everything it creates lies in directories it has just created
 * itself, with exclusive-create calls, so no symlink (in the archive or planted) is ever followed.
 * For a store, it makes the tree canonical as it goes (see {@link Canonicalizer}). The entries are
 * created by a {@link TreeWriter} on a thread of its own, so a restored tree is complete only after
 * {@link #finish}; one parser may restore many archives in turn.
 */
final class NarParser {
  /** Deeper trees cannot be addressed within Linux's PATH_MAX anyway. */
  static final int MAX_DEPTH = 1024;

  private static final byte[] DOT = {'.'};
  private static final byte[] DOT_DOT = {'.', '.'};

  private final NarInput in;
  private final TreeWriter writer;

  /** Reads from {@code in}; {@code canonical} restores with the store's permissions and times. */
  NarParser(NarInput in, boolean canonical) {
    this.in = in;
    this.writer = new TreeWriter(canonical);
  }

  /**
   * Restores the NAR into {@code target}, which must not exist, and returns its hash and size. On
   * any failure nothing is left at {@code target}. Entries are created on the writer's thread: the
   * tree is complete only after {@link #finish}.
   */
  NarSummary restore(Path target) throws IOException {
    if (Files.exists(target, NOFOLLOW_LINKS)) {
      throw new StoreException(
          "cannot restore a NAR into '" + target + "': it exists; remove it or pick a new path");
    }
    return restoreUnchecked(target);
  }

  /**
   * As {@link #restore}, into a new name in a directory that only the caller writes to (a scratch
   * directory), without looking first: the lookup would wait on the directory lock held by the
   * writer's file creations in that same directory, which for an import of many small paths costs
   * as much as the creations themselves. Should {@code target} exist after all, the writer fails to
   * create it and, as after any failure, what is at {@code target} is deleted.
   */
  NarSummary restoreUnchecked(Path target) throws IOException {
    in.startNar();
    try {
      expect(Nar.MAGIC, "the NAR magic '" + Nar.MAGIC + "'");
      node(target, "", 0);
      return in.endNar();
    } catch (IOException | RuntimeException e) {
      abandon(target, e);
      throw e;
    }
  }

  /**
   * Waits until every tree restored so far is on disk; if writing failed, deletes {@code target}
   * (the tree restored, or null to leave the trees to the caller) and reports the failure.
   */
  void finish(Path target) throws IOException {
    try {
      writer.await();
    } catch (IOException | RuntimeException e) {
      if (target != null) {
        Cleanup.deleteAfterFailure(target, e);
      }
      throw e;
    }
  }

  /** After {@code failure}: waits for the writer, then deletes what it made at {@code target}. */
  void abandon(Path target, Exception failure) {
    writer.awaitAfter(failure);
    Cleanup.deleteAfterFailure(target, failure);
  }

  /** Waits until the writer is idle, adding a failure of its to {@code primary}. */
  void awaitAfter(Exception primary) {
    writer.awaitAfter(primary);
  }

  private void node(Path path, String entry, int depth) throws IOException {
    in.entry(entry);
    if (depth > MAX_DEPTH) {
      throw in.fail("directories are nested more than " + MAX_DEPTH + " deep");
    }
    expect("(", "'('");
    expect("type", "'type'");
    String type = token("a file type");
    switch (type) {
      case "regular" -> regular(path);
      case "directory" -> directory(path, entry, depth);
      case "symlink" -> symlink(path);
      default -> throw in.fail("unknown file type '" + type + "'");
    }
  }

  private void regular(Path path) throws IOException {
    String field = token("'executable' or 'contents'");
    boolean executable = field.equals("executable");
    if (executable) {
      expect("", "the empty string after 'executable'");
      field = token("'contents'");
    }
    if (!field.equals("contents")) {
      throw in.fail("expected 'contents' but found '" + field + "'");
    }
    writer.createFile(path, executable);
    contents();
    writer.closeFile(path, executable);
    expect(")", "')' closing the file");
  }

  /** Reads the contents in chunks of at most 256 KiB, each handed to the writer as it is. */
  private void contents() throws IOException {
    long size = in.readLong("file size");
    if (size < 0) {
      throw in.fail("file size " + Long.toUnsignedString(size) + " is out of range");
    }
    for (long left = size; left > 0; ) {
      int n = (int) Math.min(left, Nar.BUFFER_SIZE);
      byte[] chunk = writer.chunk(n);
      in.readFully(chunk, 0, n, "file contents");
      writer.write(chunk, n);
      left -= n;
    }
    in.readPadding(size, "file contents");
  }

  private void directory(Path dir, String entry, int depth) throws IOException {
    writer.createDirectory(dir);
    byte[] previous = null;
    for (String field = token("'entry' or ')'"); !field.equals(")"); field = token("')'")) {
      if (!field.equals("entry")) {
        throw in.fail("expected 'entry' or ')' but found '" + field + "'");
      }
      expect("(", "'(' opening a directory entry");
      expect("name", "'name'");
      byte[] name = in.readString(Nar.MAX_NAME, "file name");
      String child = entry + "/" + Nar.printable(name);
      in.entry(child);
      checkName(name, previous);
      previous = name;
      expect("node", "'node'");
      node(dir.resolve(decode(name, "file name")), child, depth + 1);
      in.entry(child);
      expect(")", "')' closing the directory entry");
      in.entry(entry);
    }
    writer.finishDirectory(dir);
  }

  private void checkName(byte[] name, byte[] previous) throws NarFormatException {
    String text = Nar.printable(name);
    if (name.length == 0
        || Arrays.equals(name, DOT)
        || Arrays.equals(name, DOT_DOT)
        || indexOf(name, (byte) '/') >= 0
        || indexOf(name, (byte) 0) >= 0) {
      throw in.fail("file name '" + text + "' is not allowed (empty, '.', '..', '/' or NUL)");
    }
    if (previous != null && Arrays.compareUnsigned(previous, name) >= 0) {
      throw in.fail(
          "entry '"
              + text
              + "' comes after '"
              + Nar.printable(previous)
              + "'; a NAR lists names in strictly ascending byte order, without duplicates");
    }
  }

  private void symlink(Path link) throws IOException {
    expect("target", "'target'");
    byte[] bytes = in.readString(Nar.MAX_TARGET, "symlink target");
    if (bytes.length == 0 || indexOf(bytes, (byte) 0) >= 0) {
      throw in.fail("symlink target '" + Nar.printable(bytes) + "' is empty or holds NUL");
    }
    String text = decode(bytes, "symlink target");
    Path target = link.getFileSystem().getPath(text);
    if (!target.toString().equals(text)) {
      throw in.fail(
          "symlink target '"
              + text
              + "' has a repeated or trailing '/', which Java cannot create verbatim; repack the"
              + " archive without it");
    }
    writer.createSymbolicLink(link, target);
    expect(")", "')' closing the symlink");
  }

  private String decode(byte[] bytes, String what) throws NarFormatException {
    try {
      return FileNames.decode(bytes);
    } catch (CharacterCodingException e) {
      throw in.fail(
          what
              + " '"
              + Nar.printable(bytes)
              + "' is not valid "
              + FileNames.CHARSET
              + "; Cairn cannot restore it (run with LANG=C.UTF-8)");
    }
  }

  private void expect(String expected, String what) throws IOException {
    String found = token(what);
    if (!found.equals(expected)) {
      throw in.fail("expected " + what + " but found '" + found + "'");
    }
  }

  /** Reads a keyword; keywords are short ASCII, so anything longer is reported as garbage. */
  private String token(String what) throws IOException {
    return Nar.printable(in.readString(Nar.MAX_TOKEN, what));
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
