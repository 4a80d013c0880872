package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshCiphersTest {
  private static final String OPENSSH_DEFAULT =
      "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
          + "aes128-gcm@openssh.com,aes256-gcm@openssh.com";

  @TempDir Path tmp;

  @Test
  void movesTheGcmCiphersFirstAndKeepsTheSet() {
    assertThat(SshCiphers.gcmFirst(OPENSSH_DEFAULT))
        .contains(
            "aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,"
                + "aes128-ctr,aes192-ctr,aes256-ctr");
  }

  @Test
  void leavesAListAloneWhenThereIsNothingToMove() {
    assertThat(SshCiphers.gcmFirst("chacha20-poly1305@openssh.com,aes256-ctr")).isEmpty();
    assertThat(SshCiphers.gcmFirst("aes256-gcm@openssh.com,aes128-ctr")).isEmpty();
  }

  @Test
  void readsAesInstructionsFromCpuinfo() throws Exception {
    assertThat(SshCiphers.hasAesInstructions(cpuinfo("flags\t\t: fpu sse2 aes avx2 sha_ni")))
        .isTrue();
    assertThat(SshCiphers.hasAesInstructions(cpuinfo("flags\t\t: fpu sse2 aesni_like avx2")))
        .isFalse();
    assertThat(SshCiphers.hasAesInstructions(cpuinfo("Features\t: fp asimd aes pmull sha1")))
        .isTrue();
    assertThat(SshCiphers.hasAesInstructions(cpuinfo("processor\t: 0"))).isFalse();
    assertThat(SshCiphers.hasAesInstructions(tmp.resolve("missing"))).isFalse();
  }

  @Test
  void theSessionPrefersGcmUnlessTheUserChoseCiphers() {
    List<String> user = List.of("-o", "LogLevel=ERROR");
    List<String> cmd = session(user);
    assertThat(cmd.subList(1, 3)).isEqualTo(user); // the user's options first: ssh keeps the first
    List<String> added = cmd.stream().filter(a -> a.startsWith("Ciphers=")).toList();
    if (SshCiphers.hasAesInstructions(Path.of("/proc/cpuinfo"))) {
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

  private static List<String> session(List<String> userOptions) {
    return SshTarget.command(
        SshAddress.parse("root@127.0.0.1:1"),
        "cairn",
        userOptions,
        new AgentOptions("1", "/nix/store", Duration.ofSeconds(5), Duration.ofMinutes(1), false));
  }

  private Path cpuinfo(String line) throws Exception {
    return Files.writeString(tmp.resolve("cpuinfo"), "processor\t: 0\n" + line + "\n");
  }
}
