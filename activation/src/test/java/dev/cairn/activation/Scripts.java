package dev.cairn.activation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes small bash programs and modules for tests. */
final class Scripts {
  private Scripts() {}

  /** Writes an executable bash script with {@code body}. */
  static Path bash(Path file, String body) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** Waits up to 30 s for {@code file} to exist (the caller's assertion fails if it does not). */
  static Path await(Path file) throws InterruptedException {
    for (int i = 0; i < 1500 && !Files.exists(file); i++) {
      Thread.sleep(20);
    }
    return file;
  }
}
