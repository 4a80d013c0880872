package dev.cairn.process.supervisor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Rotates a process's log by copy-then-truncate: processes hold their log open in append mode (they
 * write to it directly, so they survive the supervisor), so renaming would not make them write a
 * new file, while truncation does.
 */
final class LogRotation {
  static final long MAX_BYTES = 10L << 20;
  static final int KEEP = 3;

  private LogRotation() {}

  /** Rotates {@code log} if larger than {@code maxBytes}: {@code log.1} is the newest old part. */
  static boolean rotateIfLarge(Path log, long maxBytes) throws IOException {
    if (!Files.exists(log) || Files.size(log) <= maxBytes) {
      return false;
    }
    for (int i = KEEP - 1; i >= 1; i--) {
      Path from = log.resolveSibling(log.getFileName() + "." + i);
      if (Files.exists(from)) {
        Files.move(
            from,
            log.resolveSibling(log.getFileName() + "." + (i + 1)),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.copy(
        log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
      ch.truncate(0);
    }
    return true;
  }
}
