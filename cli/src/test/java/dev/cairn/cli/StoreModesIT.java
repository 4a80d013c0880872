package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store files are created with their canonical modes where the umask allows, and get them set
 * otherwise: whatever the umask, or a default ACL that overrides it, the store holds 0444 files,
 * 0555 executables and directories, and modification time 1.
 */
class StoreModesIT {
  @TempDir Path tmp;

  @Test
  void addAndImportGiveCanonicalModesUnderAnyUmask() throws Exception {
    Path src = tree(tmp.resolve("src"));
    for (String mask : List.of("022", "077", "027", "277")) {
      Cairn from = Cairn.nixCompatible(tmp.resolve("from-" + mask)).withUmask(mask);
      String path = from.run("store", "add", src.toString()).ok().out().strip();
      assertCanonical(from.root(), path);
      Path stream = from.runToFile(tmp.resolve(mask + ".export"), "store", "export", path);

      Cairn to = Cairn.nixCompatible(tmp.resolve("to-" + mask)).withUmask(mask);
      to.run(stream, "store", "import").ok();
      assertCanonical(to.root(), path);
      to.assertClean();
    }
  }

  @Test
  void aDefaultAclOnTheScratchDirectoryDoesNotWeakenModes() throws Exception {
    Path src = tree(tmp.resolve("src"));
    Cairn from = Cairn.nixCompatible(tmp.resolve("from"));
    String path = from.run("store", "add", src.toString()).ok().out().strip();
    Path stream = from.runToFile(tmp.resolve("x.export"), "store", "export", path);

    // Files created in a directory with a default ACL take their group and other bits from it,
    // not from the umask: here none, so 0444 would become 0400.
    Path root = tmp.resolve("to");
    Files.createDirectories(root.resolve("tmp"));
    setfacl("-d", "-m", "u::rwx,g::---,o::---", root.resolve("tmp"));
    Cairn to = Cairn.nixCompatible(root).withUmask("022");
    to.run(stream, "store", "import").ok();
    assertCanonical(root, path);
    to.assertClean();
  }

  private static Path tree(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("bin"));
    Files.writeString(dir.resolve("doc"), "text\n");
    Files.writeString(dir.resolve("bin/run"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        dir.resolve("bin/run"), PosixFilePermissions.fromString("rwx------"));
    return dir;
  }

  private static void assertCanonical(Path root, String storePath) throws Exception {
    Path tree = root.resolve(storePath.substring(1)); // /nix/store/... under the root
    assertThat(mode(tree.resolve("doc"))).isEqualTo("r--r--r--");
    assertThat(mode(tree.resolve("bin/run"))).isEqualTo("r-xr-xr-x");
    assertThat(mode(tree.resolve("bin"))).isEqualTo("r-xr-xr-x");
    assertThat(mode(tree)).isEqualTo("r-xr-xr-x");
    for (Path p :
        List.of(tree, tree.resolve("doc"), tree.resolve("bin"), tree.resolve("bin/run"))) {
      assertThat(Files.getLastModifiedTime(p).toMillis()).as("%s", p).isEqualTo(1000);
    }
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** setfacl, from Debian's acl package (in .ci/packages). */
  private static void setfacl(String option, String mode, String spec, Path dir) throws Exception {
    Process p =
        new ProcessBuilder("setfacl", option, mode, spec, dir.toString()).inheritIO().start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("setfacl exit code").isZero();
  }
}
