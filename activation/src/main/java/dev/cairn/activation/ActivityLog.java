package dev.cairn.activation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Per-activity log files: {@code <stateDir>/logs/<service>/<timestamp>-<activity>.log}. */
final class ActivityLog {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

  private static final int TAIL_BYTES = 64 * 1024;

  private ActivityLog() {}

  /** Creates a fresh log file; a second activity in the same millisecond gets a suffix. */
  static Path create(ActivationRequest r) throws ActivationException {
    Path dir = r.stateDir().resolve("logs").resolve(r.service());
    String base = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + r.activity();
    try {
      Files.createDirectories(dir);
      for (int i = 0; ; i++) {
        Path file = dir.resolve(base + (i == 0 ? "" : "-" + i) + ".log");
        try {
          return Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
          // same millisecond: try the next suffix
        }
      }
    } catch (IOException e) {
      throw new ActivationException(
          "Cannot create an activity log in '"
              + dir
              + "': "
              + e.getMessage()
              + "; check that the state directory is writable",
          e);
    }
  }

  /** Appends a line, best effort: a failure is already being reported. */
  static void append(Path log, String line) {
    try {
      Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the failure being reported matters more than its log line
    }
  }

  /** The last {@link ActivationException#TAIL_LINES} lines of {@code file}, empty if unreadable. */
  static List<String> tail(Path file) {
    return tail(file, ActivationException.TAIL_LINES);
  }

  // Reads only the file's end, so a chatty service's huge log costs little; decodes leniently.
  static List<String> tail(Path file, int n) {
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      long from = Math.max(0, ch.size() - TAIL_BYTES);
      ByteBuffer buf = ByteBuffer.allocate((int) (ch.size() - from));
      ch.position(from);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // fill
      }
      List<String> lines =
          new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).lines().toList();
      if (from > 0 && !lines.isEmpty()) {
        lines = lines.subList(1, lines.size()); // the first line is cut
      }
      return List.copyOf(lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return List.of();
    }
  }
}
