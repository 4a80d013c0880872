package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshTuningTest {
  private static final String OPENSSH_DEFAULT =
      "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
          + "aes128-gcm@openssh.com,aes256-gcm@openssh.com";

  @TempDir Path tmp;

  @Test
  void movesTheGcmCiphersFirstAndKeepsTheSet() {
    assertThat(SshTuning.gcmFirst(OPENSSH_DEFAULT))
        .contains(
            "aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,"
                + "aes128-ctr,aes192-ctr,aes256-ctr");
  }

  @Test
  void leavesAListAloneWhenThereIsNothingToMove() {
    assertThat(SshTuning.gcmFirst("chacha20-poly1305@openssh.com,aes256-ctr")).isEmpty();
    assertThat(SshTuning.gcmFirst("aes256-gcm@openssh.com,aes128-ctr")).isEmpty();
  }

  @Test
  void readsAesInstructionsFromCpuinfo() throws Exception {
    assertThat(SshTuning.hasAesInstructions(cpuinfo("flags\t\t: fpu sse2 aes avx2 sha_ni")))
        .isTrue();
    assertThat(SshTuning.hasAesInstructions(cpuinfo("flags\t\t: fpu sse2 aesni_like avx2")))
        .isFalse();
    assertThat(SshTuning.hasAesInstructions(cpuinfo("Features\t: fp asimd aes pmull sha1")))
        .isTrue();
    assertThat(SshTuning.hasAesInstructions(cpuinfo("processor\t: 0"))).isFalse();
    assertThat(SshTuning.hasAesInstructions(tmp.resolve("missing"))).isFalse();
  }

  @Test
  void theSessionPrefersGcmUnlessTheUserChoseCiphers() {
    List<String> user = List.of("-o", "LogLevel=ERROR");
    List<String> cmd = session(user);
    assertThat(cmd.subList(1, 3)).isEqualTo(user); // the user's options first: ssh keeps the first
    List<String> added = cmd.stream().filter(a -> a.startsWith("Ciphers=")).toList();
    if (SshTuning.hasAesInstructions(Path.of("/proc/cpuinfo"))) {
      assertThat(added).hasSize(1);
      assertThat(cmd.indexOf(added.get(0))).isGreaterThan(2);
      assertThat(added.get(0)).startsWith("Ciphers=aes128-gcm@openssh.com,");
    } else {
      assertThat(added).isEmpty(); // chacha20-poly1305 first, as ssh has it
    }
    // A cipher the user names is all ssh -G reports: nothing is added.
    assertThat(session(List.of("-c", "chacha20-poly1305@openssh.com")))
        .noneMatch(a -> a.startsWith("Ciphers="));
  }

  @Test
  void sharesTheConnectionThroughASocketOnlyItsOwnerReaches() throws Exception {
    Path dir = tmp.resolve("ssh");
    List<String> user = List.of("-o", "LogLevel=ERROR");
    List<String> cmd = session(new SshOptions(user, Optional.of(dir)), "root@127.0.0.1:1");

    assertThat(cmd.subList(1, 3)).isEqualTo(user);
    String socket =
        dir.resolve(SshTuning.socketName(user, SshAddress.parse("root@127.0.0.1:1"))).toString();
    assertThat(cmd)
        .containsSubsequence("-o", "ControlMaster=auto")
        .containsSubsequence("-o", "ControlPath=" + socket)
        .containsSubsequence("-o", "ControlPersist=" + SshTuning.PERSIST_SECONDS);
    assertThat(cmd.indexOf("ControlMaster=auto")).isGreaterThan(2);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
  }

  @Test
  void laterCommandsTakeTheOptionsOfTheConnectionTheyShare() throws Exception {
    Path dir = tmp.resolve("ssh");
    List<String> user = List.of("-o", "LogLevel=ERROR");
    SshAddress address = SshAddress.parse("root@127.0.0.1:1");
    List<String> cmd = session(new SshOptions(user, Optional.of(dir)), "root@127.0.0.1:1");
    Path socket = dir.resolve(SshTuning.socketName(user, address));
    Path file = dir.resolve(socket.getFileName() + ".options");
    List<String> added = Files.readAllLines(file);
    assertThat(added).contains("ControlPath=" + socket);
    assertThat(cmd).containsSubsequence(added);

    // No connection lives (no socket): ask ssh -G anew.
    assertThat(SshTuning.remembered(socket)).isEmpty();
    // One does: what its first command added, without ssh -G (the file says what was added).
    List<String> earlier =
        List.of(
            "-o",
            "Ciphers=aes256-gcm@openssh.com",
            "-o",
            "ControlMaster=auto",
            "-o",
            "ControlPath=" + socket,
            "-o",
            "ControlPersist=" + SshTuning.PERSIST_SECONDS);
    Files.write(file, earlier);
    try (ServerSocketChannel master = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      master.bind(UnixDomainSocketAddress.of(socket));
      assertThat(SshTuning.remembered(socket)).contains(earlier);
      // Anything else in the file is not what Cairn wrote there: it goes on no command line.
      Files.write(file, List.of("-o", "ProxyCommand=sh -c x", "-o", "ControlPath=" + socket));
      assertThat(SshTuning.remembered(socket)).isEmpty();
      Files.write(file, List.of("-o", "ControlPath=" + tmp.resolve("elsewhere")));
      assertThat(SshTuning.remembered(socket)).isEmpty();
    }
  }

  @Test
  void forgetsOldOptionsWhoseConnectionIsGone() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("ssh"));
    Path live = dir.resolve("1111111111111111");
    Path gone = Files.writeString(dir.resolve("2222222222222222.options"), "-o\n");
    Path recent = Files.writeString(dir.resolve("3333333333333333.options"), "-o\n");
    Path kept = Files.writeString(dir.resolve("1111111111111111.options"), "-o\n");
    Instant old = Instant.now().minusSeconds(3 * 24 * 60 * 60);
    Files.setLastModifiedTime(gone, FileTime.from(old));
    Files.setLastModifiedTime(kept, FileTime.from(old));
    try (ServerSocketChannel master = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      master.bind(UnixDomainSocketAddress.of(live));
      SshTuning.forgetUnused(dir, Instant.now().minusSeconds(24 * 60 * 60));
    }
    assertThat(gone).doesNotExist();
    assertThat(recent).exists(); // maybe a connection being made right now
    assertThat(kept).exists(); // its connection lives
  }

  @Test
  void anotherDestinationPortOrOptionIsAnotherConnection() {
    SshAddress a = SshAddress.parse("root@127.0.0.1:1");
    List<String> key = List.of("-i", "/keys/a");
    String name = SshTuning.socketName(key, a);
    assertThat(name).matches("[0-9a-f]{16}").isEqualTo(SshTuning.socketName(key, a));
    assertThat(SshTuning.socketName(List.of("-i", "/keys/b"), a)).isNotEqualTo(name);
    assertThat(SshTuning.socketName(key, SshAddress.parse("root@127.0.0.1:2"))).isNotEqualTo(name);
    assertThat(SshTuning.socketName(key, SshAddress.parse("other@127.0.0.1:1"))).isNotEqualTo(name);
  }

  @Test
  void leavesSharingToTheUserWhoSaysAnythingOfIt() throws Exception {
    Path dir = tmp.resolve("ssh");
    assertThat(shares(List.of("-o", "ControlMaster=no"), dir)).isFalse();
    assertThat(shares(List.of("-oControlPath=none"), dir)).isFalse();
    assertThat(shares(List.of("-S", "/tmp/theirs"), dir)).isFalse();
    // Their ssh configuration, as ssh -G reads it: a ControlMaster or a ControlPath.
    assertThat(shares(List.of("-F", config("master", "ControlMaster auto")), dir)).isFalse();
    assertThat(shares(List.of("-F", config("path", "ControlPath " + tmp.resolve("cm-%C"))), dir))
        .isFalse();
    assertThat(shares(List.of("-F", config("other", "Compression no")), dir)).isTrue();
  }

  @Test
  void connectsAnewWhenTheSocketsPathCannotServe() throws Exception {
    Path deep = tmp.resolve("d".repeat(100)).resolve("ssh");
    assertThat(shares(List.of(), deep)).isFalse(); // too long for a Unix socket
    assertThat(shares(List.of(), tmp.resolve("a b").resolve("ssh"))).isFalse(); // not plain
    Path file = Files.writeString(tmp.resolve("file"), "");
    assertThat(shares(List.of(), file.resolve("ssh"))).isFalse(); // cannot be made
    assertThat(deep).doesNotExist();
  }

  private static boolean shares(List<String> user, Path dir) {
    return session(new SshOptions(user, Optional.of(dir)), "root@127.0.0.1:1").stream()
        .anyMatch(a -> a.startsWith("ControlPath="));
  }

  private static List<String> session(List<String> userOptions) {
    return session(new SshOptions(userOptions, Optional.empty()), "root@127.0.0.1:1");
  }

  private static List<String> session(SshOptions ssh, String address) {
    return SshTarget.command(
        SshAddress.parse(address),
        "cairn",
        ssh,
        new AgentOptions("1", "/nix/store", Duration.ofSeconds(5), Duration.ofMinutes(1), false),
        "agent --stdio");
  }

  /** An ssh configuration file holding {@code line} (each its own name: answers are kept). */
  private String config(String name, String line) throws Exception {
    return Files.writeString(tmp.resolve(name + ".config"), line + "\n").toString();
  }

  private Path cpuinfo(String line) throws Exception {
    return Files.writeString(tmp.resolve("cpuinfo"), "processor\t: 0\n" + line + "\n");
  }
}
