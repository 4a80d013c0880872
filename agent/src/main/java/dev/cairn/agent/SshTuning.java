package dev.cairn.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The order in which to offer ciphers to an ssh server for an agent session, which carries whole
 * closures. OpenSSH offers chacha20-poly1305 first, the right choice on a processor without AES
 * instructions; with them, AES-GCM costs about half the processor time per byte on both ends, and a
 * closure copy is bound by processor time (on two cores, 500 MiB over loopback: 3.65 s instead of
 * 4.14 s). The set offered stays the one ssh would offer, its configuration included, as {@code ssh
 * -G} prints it: only the GCM ciphers move to the front. Options the user gives ({@code
 * CAIRN_SSH_OPTS}, a {@code -c} or {@code -o Ciphers=} there) come first on the command line and
 * win.
 */
final class SshCiphers {
  private static final boolean AES = hasAesInstructions(Path.of("/proc/cpuinfo"));

  private SshCiphers() {}

  /**
   * The {@code Ciphers} value to pass for a session to {@code address}, or empty to leave ssh's
   * order alone: without AES instructions here, when ssh -G fails, or when it changes nothing.
   */
  static Optional<String> preferred(List<String> sshOptions, SshAddress address) {
    if (!AES) {
      return Optional.empty();
    }
    List<String> cmd = new ArrayList<>(List.of("ssh", "-G"));
    cmd.addAll(sshOptions);
    address.port().ifPresent(p -> cmd.addAll(List.of("-p", p.toString())));
    cmd.add(address.destination());
    try {
      return ShortCommand.output(cmd, 5, "ssh -G")
          .lines()
          .filter(l -> l.startsWith("ciphers "))
          .findFirst()
          .flatMap(l -> gcmFirst(l.substring("ciphers ".length()).strip()));
    } catch (IOException e) {
      return Optional.empty(); // ssh's own order, then
    }
  }

  /** {@code ciphers} (comma-separated) with its GCM ones first, or empty if that is no change. */
  static Optional<String> gcmFirst(String ciphers) {
    List<String> gcm = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (String c : ciphers.split(",")) {
      if (!c.isBlank()) {
        (c.contains("-gcm@") ? gcm : rest).add(c.strip());
      }
    }
    List<String> order = new ArrayList<>(gcm);
    order.addAll(rest);
    String reordered = String.join(",", order);
    return gcm.isEmpty() || reordered.equals(ciphers) ? Optional.empty() : Optional.of(reordered);
  }

  /** Whether /proc/cpuinfo lists AES instructions ("aes" among the x86 flags or ARM features). */
  static boolean hasAesInstructions(Path cpuinfo) {
    try {
      for (String line : Files.readAllLines(cpuinfo, StandardCharsets.US_ASCII)) {
        if (line.startsWith("flags") || line.startsWith("Features")) {
          int colon = line.indexOf(':');
          return colon >= 0
              && Arrays.asList(line.substring(colon + 1).trim().split("\\s+")).contains("aes");
        }
      }
    } catch (IOException e) {
      // No procfs: keep ssh's order.
    }
    return false;
  }
}
