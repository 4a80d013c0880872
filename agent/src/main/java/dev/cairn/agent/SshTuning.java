package dev.cairn.agent;

import dev.cairn.store.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What Cairn adds to the user's ssh options (after them, so that theirs win) on the command lines
 * that reach a target: a cipher order that suits bulk transfers, and a connection shared between
 * commands. Both follow what {@code ssh -G} says of the destination, the user's ssh configuration
 * and {@code CAIRN_SSH_OPTS} included, asked once per destination in a process.
 *
 * <p><b>Ciphers.</b> OpenSSH offers chacha20-poly1305 first, the right choice on a processor
 * without AES instructions; with them, AES-GCM costs about half the processor time per byte on both
 * ends, and a closure copy is bound by processor time (on two cores, 500 MiB over loopback: 3.65 s
 * instead of 4.14 s). The set offered stays the one ssh would offer: only the GCM ciphers move to
 * the front. A {@code -c} or {@code -o Ciphers=} of the user's is all {@code ssh -G} reports, and
 * is kept.
 *
 * <p><b>Shared connections.</b> Each ssh command otherwise makes a connection of its own, whose
 * handshake takes 0.2–0.3 s even on loopback: most of what a no-op redeploy costs per target. As
 * Ansible does by default, the first command to a destination leaves its connection open for
 * {@value #PERSIST_SECONDS} s after its last use ({@code ControlMaster auto}, {@code
 * ControlPersist}); the commands after it, of this deployment and of the next, open sessions over
 * it. Its socket lies in the coordinator's root (a directory only its owner enters), named by a
 * hash of the destination, the port and the user's options, so that another key or option never
 * rides another's connection. Left alone when the user's configuration or options share connections
 * already (a {@code ControlMaster} or {@code ControlPath}) or say anything of it ({@code -o
 * ControlMaster=no} in {@code CAIRN_SSH_OPTS} turns it off), and when the socket's path would not
 * fit a Unix socket. The options a connection was made with are kept beside its socket: while it
 * lives, the commands that share it take them from there rather than from another {@code ssh -G}.
 */
final class SshTuning {
  static final String PERSIST_SECONDS = "60";

  private static final boolean AES = hasAesInstructions(Path.of("/proc/cpuinfo"));

  /** sockaddr_un.sun_path, its terminating NUL included. */
  private static final int SUN_PATH = 108;

  /** ssh binds {@code <path>.<16 random characters>} first, then renames it to the path. */
  private static final int SSH_TEMPORARY_SUFFIX = 17;

  /** Socket paths ssh reads back unchanged in an option: no spaces, quotes or % tokens. */
  private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9/._+@,:=-]+");

  /** The suffix of the file beside a socket that keeps its connection's options. */
  private static final String SAVED = ".options";

  /** Saved options without a connection older than this are deleted (a day). */
  private static final long STALE_SECONDS = 24 * 60 * 60;

  /** A cipher order as {@link #gcmFirst} writes it. */
  private static final Pattern REMEMBERED_CIPHERS = Pattern.compile("Ciphers=[a-z0-9@.,-]+");

  private static final Map<List<Object>, List<String>> ADDED = new ConcurrentHashMap<>();

  private SshTuning() {}

  /** The options to add, after the user's, to a command line reaching {@code address}. */
  static List<String> added(SshOptions options, SshAddress address) {
    // Keyed by the records' parts, not the records: a record's first hashCode spins method
    // handles (ObjectMethods), ~40 ms of a fresh JVM on the way to the first ssh command.
    List<Object> key =
        List.of(
            options.user(), options.socketDir(), address.user(), address.host(), address.port());
    List<String> known = ADDED.get(key);
    if (known != null) {
      return known;
    }
    // Asked outside the map's lock: ssh -G may take its time, and other destinations may not wait
    // on it. Two threads asking at once about one destination get the same answer.
    ADDED.putIfAbsent(key, ask(options, address));
    return ADDED.get(key);
  }

  private static List<String> ask(SshOptions options, SshAddress address) {
    // The socket a shared connection would have, if sharing is Cairn's to arrange.
    Path socket =
        options.socketDir().isPresent() && !mentionsSharing(options.user())
            ? options.socketDir().get().resolve(socketName(options.user(), address))
            : null;
    if (socket != null) {
      Optional<List<String>> known = remembered(socket);
      if (known.isPresent()) {
        return known.get();
      }
    } else if (!AES) {
      return List.of(); // nothing to ask ssh -G about
    }
    Map<String, String> settings = settings(options.user(), address);
    List<String> added = new ArrayList<>();
    if (AES) {
      gcmFirst(settings.getOrDefault("ciphers", ""))
          .ifPresent(c -> added.addAll(List.of("-o", "Ciphers=" + c)));
    }
    List<String> sharing = socket == null ? List.of() : sharing(socket, settings);
    if (!sharing.isEmpty()) {
      added.addAll(sharing);
      remember(socket, added);
    }
    return List.copyOf(added);
  }

  /** Where the options a shared connection was made with are kept: beside its socket. */
  private static Path savedOptions(Path socket) {
    return socket.resolveSibling(socket.getFileName() + SAVED);
  }

  /**
   * The options a command of an earlier process added, while the connection it shares still lives
   * (its socket is there): that connection was made with them, so {@code ssh -G} (a process
   * spawned, some 50 ms) would only say it again. A change of the user's ssh configuration takes
   * effect with the next connection, as it would for the shared one anyway.
   */
  static Optional<List<String>> remembered(Path socket) {
    try {
      if (!Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isOther()) {
        return Optional.empty(); // no socket: no connection to share, so ask anew
      }
      List<String> options = Files.readAllLines(savedOptions(socket), StandardCharsets.UTF_8);
      // Only what ask() writes goes back on an ssh command line: a cipher order, if any, then the
      // sharing options of this very socket.
      List<String> share = shareOptions(socket);
      int cipher = options.size() - share.size();
      boolean ours =
          (cipher == 0
                  || cipher == 2
                      && options.get(0).equals("-o")
                      && REMEMBERED_CIPHERS.matcher(options.get(1)).matches())
              && options.subList(cipher, options.size()).equals(share);
      return ours ? Optional.of(List.copyOf(options)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Keeps {@code added} beside the socket, for the commands that will share its connection. */
  private static void remember(Path socket, List<String> added) {
    forgetUnused(socket.getParent(), Instant.now().minusSeconds(STALE_SECONDS));
    Path file = savedOptions(socket);
    try {
      Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new");
      try {
        Files.write(partial, added, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      // Only a saving lost: the next command asks ssh -G again.
    }
  }

  /**
   * Deletes the saved options in {@code dir} whose connection is gone (no socket) and that were
   * written before {@code before}: those of destinations no longer reached, or never reached (a
   * failed connection leaves its options behind), which would otherwise pile up.
   */
  static void forgetUnused(Path dir, Instant before) {
    try (DirectoryStream<Path> saved = Files.newDirectoryStream(dir, "*" + SAVED)) {
      for (Path file : saved) {
        String name = file.getFileName().toString();
        Path socket = dir.resolve(name.substring(0, name.length() - SAVED.length()));
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                .toInstant()
                .isBefore(before)) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      // Tidying only: what is left is ignored without its socket, and tidied next time.
    }
  }

  /**
   * What {@code ssh -G} prints for the destination (keyword to value), or nothing if it fails: then
   * nothing is added, and the command itself says what is wrong.
   */
  private static Map<String, String> settings(List<String> user, SshAddress address) {
    List<String> cmd = new ArrayList<>(List.of("ssh", "-G"));
    cmd.addAll(user);
    address.port().ifPresent(p -> cmd.addAll(List.of("-p", p.toString())));
    cmd.add(address.destination());
    Map<String, String> settings = new HashMap<>();
    try {
      ShortCommand.output(cmd, 5, "ssh -G")
          .lines()
          .forEach(
              l -> {
                int space = l.indexOf(' ');
                if (space > 0) {
                  settings.putIfAbsent(l.substring(0, space), l.substring(space + 1).strip());
                }
              });
    } catch (IOException e) {
      settings.clear();
    }
    return settings;
  }

  /**
   * The options that share a connection through {@code socket}, given what {@code ssh -G} says
   * ({@code settings}); none if ssh shares connections by its own configuration, or the socket
   * cannot be had.
   */
  static List<String> sharing(Path socket, Map<String, String> settings) {
    if (!"false".equals(settings.get("controlmaster")) || settings.containsKey("controlpath")) {
      return List.of(); // the user's own configuration shares connections (or ssh -G failed)
    }
    String path = socket.toString();
    if (path.length() + SSH_TEMPORARY_SUFFIX >= SUN_PATH
        || !PLAIN_PATH.matcher(path).matches()
        || !privateDirectory(socket.getParent())) {
      return List.of();
    }
    return shareOptions(socket);
  }

  /** The options that share a connection through {@code socket}. */
  private static List<String> shareOptions(Path socket) {
    return List.of(
        "-o",
        "ControlMaster=auto",
        "-o",
        "ControlPath=" + socket,
        "-o",
        "ControlPersist=" + PERSIST_SECONDS);
  }

  /** Whether the user's options say anything of connection sharing, which is then theirs. */
  static boolean mentionsSharing(List<String> user) {
    return user.stream()
        .anyMatch(
            a ->
                a.toLowerCase(Locale.ROOT).contains("control")
                    || a.equals("-M")
                    || a.startsWith("-S"));
  }

  /** A hash of what makes a connection: destination, port and the user's options. */
  static String socketName(List<String> user, SshAddress address) {
    List<String> parts = new ArrayList<>(List.of(address.destination()));
    parts.add(address.port().map(String::valueOf).orElse(""));
    parts.addAll(user);
    byte[] digest =
        Hash.newDigest().digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  /**
   * Makes {@code dir} a directory only its owner enters (before ssh puts a socket there); false if
   * it cannot, as in a root this user may not write: each command then connects anew.
   */
  private static boolean privateDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
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
