package dev.cairn.store.nar;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.Hash;
import dev.cairn.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NarRestorerTest {
  @TempDir Path tmp;

  @Test
  void restoreOfDumpRoundTrips() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    byte[] nar = NarWriterTest.dump(tree);
    Path target = tmp.resolve("restored");

    NarSummary summary = NarRestorer.restore(new ByteArrayInputStream(nar), target);

    assertThat(summary).isEqualTo(new NarSummary(Hash.sha256(nar), nar.length));
    assertThat(NarWriterTest.dump(target)).isEqualTo(nar);
    assertThat(Files.readSymbolicLink(target.resolve("outside"))).hasToString("../../etc/passwd");
    assertThat(Files.getPosixFilePermissions(target.resolve("run.sh")))
        .contains(PosixFilePermission.OWNER_EXECUTE);
    assertThat(Files.getPosixFilePermissions(target.resolve("a")))
        .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
  }

  @Test
  void restoresTopLevelFilesAndSymlinks() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    for (String name : new String[] {"nine", "run.sh", "dangling", "big", "empty"}) {
      byte[] nar = NarWriterTest.dump(tree.resolve(name));
      Path target = tmp.resolve("restored-" + name);
      NarRestorer.restore(new ByteArrayInputStream(nar), target);
      assertThat(NarWriterTest.dump(target)).as(name).isEqualTo(nar);
    }
  }

  /**
   * The contents of files too small to fill a chunk go through the writer's reused arrays too: a
   * closure copy of 5,000 files of 100 KiB allocated as much garbage as it carried, five
   * collections and the kernel zeroing fresh heap for the agent. Now only the arrays the writer's
   * budget lets wait are ever allocated.
   */
  @Test
  void contentsReuseTheWritersArrays() throws Exception {
    int files = 640;
    byte[] contents = new byte[64 << 10];
    Arrays.fill(contents, (byte) 'x');
    // What the same entries cost without contents (names, paths, steps), to set apart.
    long entries = allocatedRestoring(directoryOf(files, new byte[0]), tmp.resolve("empty"));

    long allocated = allocatedRestoring(directoryOf(files, contents), tmp.resolve("full"));

    long carried = (long) files * contents.length; // 40 MiB
    assertThat(allocated - entries)
        .as("bytes allocated for %d bytes of contents", carried)
        // The budget's arrays, plus room for what the first run of the contents' code loads
        // and a busy machine's backlog; one array per file would be 40 MiB and more.
        .isLessThan(TreeWriter.IN_FLIGHT + (8L << 20));
    assertThat(Files.readAllBytes(tmp.resolve("full/f0639"))).isEqualTo(contents);
  }

  private static byte[] directoryOf(int files, byte[] contents) {
    NarTokens tokens = NarTokens.directory();
    for (int i = 0; i < files; i++) {
      tokens
          .entry(String.format("f%04d", i))
          .str("(", "type", "regular", "contents")
          .bytes(contents)
          .str(")", ")");
    }
    return tokens.close().toByteArray();
  }

  /** Restores {@code nar}; the bytes this thread allocated meanwhile. */
  private static long allocatedRestoring(byte[] nar, Path target) throws Exception {
    return NarWriterTest.allocatedBy(
        () -> NarRestorer.restore(new ByteArrayInputStream(nar), target));
  }

  @Test
  void stopsRightAfterTheNar() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    byte[] nar = NarWriterTest.dump(tree);
    byte[] followed = Arrays.copyOf(nar, nar.length + 3);
    followed[nar.length] = 42;
    InputStream in = new ByteArrayInputStream(followed);

    NarRestorer.restore(in, tmp.resolve("restored"));

    assertThat(in.read()).isEqualTo(42);
  }

  @Test
  void refusesAnExistingTarget() throws Exception {
    byte[] nar = NarTokens.directory().close().toByteArray();
    Path target = Files.createDirectory(tmp.resolve("t"));
    Files.writeString(target.resolve("keep"), "x");

    assertThatThrownBy(() -> NarRestorer.restore(new ByteArrayInputStream(nar), target))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(target.toString());
    assertThat(target.resolve("keep")).exists();
  }

  @Test
  void aFailureToCreateAnEntryLeavesNothing() throws Exception {
    // Directories are created on the writer's thread; one whose path exceeds PATH_MAX (4096 bytes)
    // fails there, after its ancestors were made: the failure must surface, and the tree go.
    String name = "d".repeat(200);
    int depth = 25;
    NarTokens nar = NarTokens.directory().emptyFile("a-first");
    for (int i = 0; i < depth; i++) {
      nar.entry(name).str("(", "type", "directory");
    }
    nar.emptyFile("deep");
    for (int i = 0; i < depth; i++) {
      nar.str(")", ")");
    }
    for (int i = 0; i < 600; i++) {
      // More steps than one batch holds: some are asked for after the writer has failed.
      nar.emptyFile(String.format("e%04d", i));
    }
    nar.close();
    Path target = tmp.resolve("t");

    assertThatThrownBy(
            () -> NarRestorer.restore(new ByteArrayInputStream(nar.toByteArray()), target))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining(name);
    assertThat(target).doesNotExist();
    assertThat(tmp).isDirectoryNotContaining(p -> true);
  }

  @Test
  void keepsSymlinksPointingOutsideAsSymlinks() throws Exception {
    byte[] nar =
        NarTokens.directory()
            .entry("abs")
            .str("(", "type", "symlink", "target", "/etc", ")", ")")
            .entry("up")
            .str("(", "type", "symlink", "target", "../../etc/passwd", ")", ")")
            .close()
            .toByteArray();
    Path target = tmp.resolve("t");

    NarRestorer.restore(new ByteArrayInputStream(nar), target);

    assertThat(Files.readSymbolicLink(target.resolve("abs"))).hasToString("/etc");
    assertThat(Files.readSymbolicLink(target.resolve("up"))).hasToString("../../etc/passwd");
  }

  static Stream<Arguments> hostile() {
    byte[] badPadding = NarTokens.directory().entry("abc").toByteArray();
    int nameOffset = indexOf(badPadding, "abc".getBytes());
    badPadding[nameOffset + 3] = 1; // the first padding byte after "abc"
    return Stream.of(
        Arguments.of("dot-dot", named(".."), "'/..'"),
        Arguments.of("dot", named("."), "'/.'"),
        Arguments.of("empty name", named(""), "name '' is not allowed"),
        Arguments.of("slash", named("/x"), "'//x'"),
        Arguments.of("inner slash", named("a/b"), "'/a/b'"),
        Arguments.of("nul", named("a\0b"), "a\\x00b"),
        Arguments.of("too long", named("n".repeat(256)), "file name of 256 bytes"),
        Arguments.of(
            "nested dot-dot",
            NarTokens.directory()
                .entry("x")
                .str("(", "type", "directory")
                .emptyFile("..")
                .toByteArray(),
            "'/x/..'"),
        Arguments.of(
            "out of order",
            NarTokens.directory().emptyFile("b").emptyFile("a").close().toByteArray(),
            "'/a'"),
        Arguments.of(
            "duplicate",
            NarTokens.directory().emptyFile("a").emptyFile("a").close().toByteArray(),
            "'a' comes after 'a'"),
        Arguments.of(
            "unknown type",
            NarTokens.directory().entry("p").str("(", "type", "fifo").toByteArray(),
            "unknown file type 'fifo'"),
        Arguments.of(
            "unknown field",
            NarTokens.directory().emptyFile("a").str("bogus").toByteArray(),
            "found 'bogus'"),
        Arguments.of(
            "bad magic",
            new NarTokens().str("nix-archive-2", "(", "type", "directory", ")").toByteArray(),
            "nix-archive-1"),
        Arguments.of("not a nar", "hello world, this is not a NAR".getBytes(), "longer than"),
        Arguments.of("non-zero padding", badPadding, "non-zero padding"),
        Arguments.of(
            "long target",
            NarTokens.directory()
                .entry("l")
                .str("(", "type", "symlink", "target", "t".repeat(4097))
                .toByteArray(),
            "'/l'"),
        Arguments.of(
            "escaping file after symlink",
            NarTokens.directory()
                .entry("l")
                .str("(", "type", "symlink", "target", "/tmp", ")", ")")
                .emptyFile("l")
                .toByteArray(),
            "'l' comes after 'l'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void rejectsHostileArchivesAndLeavesNothing(String name, byte[] nar, String message)
      throws Exception {
    Path target = tmp.resolve("t");

    assertThatThrownBy(() -> NarRestorer.restore(new ByteArrayInputStream(nar), target))
        .isInstanceOf(NarFormatException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("at byte");
    assertThat(Files.exists(target, NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void rejectsTruncatedArchivesAndLeavesNothing() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    byte[] nar = NarWriterTest.dump(tree);
    for (int length : new int[] {0, 5, 8, 20, 100, 400, nar.length / 2, nar.length - 1}) {
      Path target = tmp.resolve("t" + length);
      byte[] truncated = Arrays.copyOf(nar, length);

      assertThatThrownBy(() -> NarRestorer.restore(new ByteArrayInputStream(truncated), target))
          .as("truncated at %d", length)
          .isInstanceOf(NarFormatException.class)
          .hasMessageContaining("the stream ends")
          .hasMessageContaining("at byte " + length);
      assertThat(Files.exists(target, NOFOLLOW_LINKS)).isFalse();
    }
  }

  /** The messages name what was cut: a string's length, or its padding. */
  @Test
  void aTruncatedArchiveSaysWhatWasCut() throws Exception {
    byte[] nar =
        NarTokens.directory()
            .entry("f")
            .str("(", "type", "regular", "contents")
            .bytes(new byte[] {1, 2, 3})
            .str(")", ")")
            .close()
            .toByteArray();
    int magic = 8 + 16; // "nix-archive-1": its length, 13 bytes and 3 of padding; then "("
    for (var cut :
        List.of(
            Map.entry(4, "the stream ends in the middle of the NAR magic 'nix-archive-1' length"),
            Map.entry(
                8 + 13 + 1,
                "the stream ends in the middle of padding after the NAR magic 'nix-archive-1'"),
            Map.entry(magic + 4, "the stream ends in the middle of '(' length"))) {
      byte[] truncated = Arrays.copyOf(nar, cut.getKey());
      assertThatThrownBy(
              () -> NarRestorer.restore(new ByteArrayInputStream(truncated), tmp.resolve("t")))
          .as("cut at %d", cut.getKey())
          .hasMessageContaining(cut.getValue());
    }
  }

  @Test
  void deletesReadOnlyPartialTrees() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    Canonicalizer.canonicalize(tree);
    byte[] nar = NarWriterTest.dump(tree);
    byte[] truncated = Arrays.copyOf(nar, nar.length - 16);
    Path target = tmp.resolve("t");

    assertThatThrownBy(() -> NarRestorer.restore(new ByteArrayInputStream(truncated), target))
        .isInstanceOf(NarFormatException.class);
    assertThat(Files.exists(target, NOFOLLOW_LINKS)).isFalse();
  }

  private static byte[] named(String name) {
    return NarTokens.directory().emptyFile(name).close().toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not found");
  }
}
