package dev.cairn.store.nar;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

/** A tree with everything a NAR can hold, and the corner cases of ordering and padding. */
final class SampleTree {
  private SampleTree() {}

  static Path create(Path root) throws Exception {
    Files.createDirectory(root);
    Files.writeString(root.resolve("a"), "hello\n");
    Files.write(root.resolve("empty"), new byte[0]);
    Files.writeString(root.resolve("eight"), "12345678");
    Files.writeString(root.resolve("nine"), "123456789");
    Path script = Files.writeString(root.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(root.resolve("link"), Path.of("a"));
    Files.createSymbolicLink(root.resolve("dangling"), Path.of("does/not/exist"));
    Files.createSymbolicLink(root.resolve("outside"), Path.of("../../etc/passwd"));
    Files.createSymbolicLink(root.resolve("dirlink"), Path.of("nested"));
    Files.createDirectory(root.resolve("emptydir"));
    Path deeper = Files.createDirectories(root.resolve("nested/deeper"));
    Path tool = Files.writeString(deeper.resolve("tool"), "x");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("r-x------"));
    // Byte order and UTF-16 order disagree: U+FF21 (EF BC A1) < U+1F600 (F0 9F 98 80) in bytes.
    for (String name : new String[] {"é", "日本", "Ａ", "\uD83D\uDE00", "Z", "z", "_"}) {
      Files.writeString(root.resolve(name), name, StandardCharsets.UTF_8);
    }
    byte[] big = new byte[600 * 1024 + 3];
    new Random(42).nextBytes(big);
    Files.write(root.resolve("big"), big);
    return root;
  }
}
