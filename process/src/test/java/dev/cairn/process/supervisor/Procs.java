package dev.cairn.process.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the tests see in {@code /proc}: live processes (a zombie counts as dead), by a marker. */
final class Procs {
  private Procs() {}

  /** Whether {@code pid} runs and is not a zombie. */
  static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }

  /** Live processes whose environment holds {@code entry} (such as {@code MARK=uuid}). */
  static List<Long> withEnvironment(String entry) {
    return matching("environ", "\0" + entry + "\0");
  }

  /** Live processes whose command line contains {@code text} (arguments joined by NUL). */
  static List<Long> withCommandLine(String text) {
    return matching("cmdline", text);
  }

  private static List<Long> matching(String file, String text) {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (!name.matches("\\d+") || Long.parseLong(name) == ProcessHandle.current().pid()) {
          continue;
        }
        try {
          String content =
              "\0" + new String(Files.readAllBytes(p.resolve(file)), StandardCharsets.UTF_8);
          if (content.contains(text) && alive(Long.parseLong(name))) {
            pids.add(Long.parseLong(name));
          }
        } catch (IOException e) {
          // Gone meanwhile, or not ours to read.
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return pids;
  }

  /** Sends SIGKILL to {@code pid}, ignoring a process that is gone. */
  static void kill(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }
}
