package dev.cairn.store.nar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's file-creation mask, read once from {@code /proc/self/status} (Linux 4.7 and later).
 * Where it cannot be read it is taken to clear everything, so callers fall back to setting modes
 * explicitly.
 */
final class Umask {
  private static final int MASK = read(Path.of("/proc/self/status"));

  private Umask() {}

  /** Whether files created with the permission bits {@code mode} get all of them. */
  static boolean keeps(int mode) {
    return (MASK & mode) == 0;
  }

  /** The mask stated in a {@code /proc/PID/status} file, or 0777 if it states none. */
  static int read(Path status) {
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
        if (line.startsWith("Umask:")) {
          return Integer.parseInt(line.substring("Umask:".length()).trim(), 8);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // An older kernel, or no procfs: set modes explicitly.
    }
    return 0777;
  }
}
