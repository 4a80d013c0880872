package dev.cairn.activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A process as {@code /proc/PID/stat} describes it. The start time (clock ticks since boot) tells a
 * process apart from a later one that reuses its PID.
 *
 * @param pid the process ID
 * @param state the one-letter state; {@code Z} and {@code X} are dead
 * @param pgrp the process group
 * @param startTime the start time in clock ticks since boot
 */
record ProcStat(long pid, char state, long pgrp, long startTime) {
  private static final Path PROC = Path.of("/proc");

  /** Whether the process still runs (a zombie does not). */
  boolean alive() {
    return state != 'Z' && state != 'X';
  }

  /** The process with this PID, if there is one. */
  static Optional<ProcStat> of(long pid) {
    try {
      String text =
          Files.readString(
              PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
      return Optional.of(parse(pid, text));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code pid} runs and, when {@code startTime} is known (>= 0), started then. */
  static boolean running(long pid, long startTime) {
    return of(pid)
        .filter(ProcStat::alive)
        .filter(p -> startTime < 0 || p.startTime == startTime)
        .isPresent();
  }

  /** The live members of process group {@code pgid}. */
  static List<ProcStat> group(long pgid) {
    List<ProcStat> members = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path d : dirs) {
        of(Long.parseLong(d.getFileName().toString()))
            .filter(p -> p.pgrp == pgid && p.alive())
            .ifPresent(members::add);
      }
    } catch (IOException e) {
      // /proc unreadable: report no members rather than fail a stop; callers check liveness again
    }
    return members;
  }

  /** This JVM's own process group, which Cairn must never signal. */
  static long ownGroup() {
    return of(ProcessHandle.current().pid()).map(ProcStat::pgrp).orElse(-1L);
  }

  // The command name sits in parentheses and may itself contain spaces and parentheses.
  private static ProcStat parse(long pid, String text) {
    String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
    // After the name: state(0) ppid(1) pgrp(2) session(3) ... starttime(19)
    return new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[2]), Long.parseLong(f[19]));
  }
}
