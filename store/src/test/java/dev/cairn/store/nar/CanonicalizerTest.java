package dev.cairn.store.nar;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CanonicalizerTest {
  @TempDir Path tmp;

  @Test
  void setsNixTimestampsAndPermissionsWithoutFollowingSymlinks() throws Exception {
    Path outside = Files.writeString(tmp.resolve("outside"), "x");
    FileTime outsideMtime = Files.getLastModifiedTime(outside);
    Path tree = SampleTree.create(tmp.resolve("tree"));
    Files.createSymbolicLink(tree.resolve("out"), outside);
    byte[] before = NarWriterTest.dump(tree);

    Canonicalizer.canonicalize(tree);

    assertThat(mode(tree)).isEqualTo("r-xr-xr-x");
    assertThat(mode(tree.resolve("a"))).isEqualTo("r--r--r--");
    assertThat(mode(tree.resolve("run.sh"))).isEqualTo("r-xr-xr-x");
    assertThat(mode(tree.resolve("nested/deeper/tool"))).isEqualTo("r-xr-xr-x");
    assertThat(mode(tree.resolve("emptydir"))).isEqualTo("r-xr-xr-x");
    for (String name : new String[] {"", "a", "nested/deeper", "link", "dangling", "out"}) {
      assertThat(Files.getLastModifiedTime(tree.resolve(name), NOFOLLOW_LINKS))
          .as(name)
          .isEqualTo(FileTime.fromMillis(1000));
    }
    assertThat(Files.getLastModifiedTime(outside)).isEqualTo(outsideMtime);
    assertThat(mode(outside)).isNotEqualTo("r--r--r--");
    assertThat(NarWriterTest.dump(tree)).isEqualTo(before);
  }

  @Test
  void deleteTreeRemovesReadOnlyTreesButNotSymlinkTargets() throws Exception {
    Path outsideDir = Files.createDirectory(tmp.resolve("outside"));
    Path kept = Files.writeString(outsideDir.resolve("kept"), "x");
    Path tree = SampleTree.create(tmp.resolve("tree"));
    Files.createSymbolicLink(tree.resolve("nested/out"), outsideDir);
    Canonicalizer.canonicalize(tree);

    Canonicalizer.deleteTree(tree);
    Canonicalizer.deleteTree(tree);

    assertThat(Files.exists(tree, NOFOLLOW_LINKS)).isFalse();
    assertThat(kept).exists();
  }

  @Test
  @Timeout(10)
  void rejectsAFifoInsteadOfBlockingOnIt() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    Path fifo = tree.resolve("nested/fifo");
    NixTool.run(new byte[0], "mkfifo", fifo.toString());

    assertThatThrownBy(() -> Canonicalizer.canonicalize(tree))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(fifo.toString());
  }

  @Test
  void deleteTreeRemovesASymlinkItselfOnly() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("dir"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);

    Canonicalizer.deleteTree(link);

    assertThat(Files.exists(link, NOFOLLOW_LINKS)).isFalse();
    assertThat(dir).isDirectory();
  }

  @Test
  void makeWritableOpensDirectoriesOnly() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    Canonicalizer.canonicalize(tree);

    Canonicalizer.makeWritable(tree);

    assertThat(mode(tree.resolve("nested/deeper"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(tree.resolve("a"))).isEqualTo("r--r--r--");
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, NOFOLLOW_LINKS));
  }
}
