package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NixBase32Test {
  @Test
  void encodesAsNixDoes() {
    // nix-hash --type sha256 --to-base32 of sha256("hello\n"), computed with Nix 2.8.
    Hash h = Hash.sha256("hello\n".getBytes(StandardCharsets.UTF_8));
    assertThat(h.toBase16())
        .isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
    assertThat(h.toBase32()).isEqualTo("00xyyr3fi8l6hb839bv3f7yb86yjv7xi1cgh1xnhipym4asvb4aq");
    assertThat(h.toSri()).isEqualTo("sha256-WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM=");
  }

  @Test
  void roundTripsEveryLength() {
    for (int n = 0; n < 40; n++) {
      byte[] bytes = new byte[n];
      for (int i = 0; i < n; i++) {
        bytes[i] = (byte) (i * 37 + n);
      }
      assertThat(NixBase32.decode(NixBase32.encode(bytes), n)).isEqualTo(bytes);
    }
  }

  @Test
  void parsesAllHashForms() {
    Hash h = Hash.sha256(new byte[] {1, 2, 3});
    assertThat(Hash.parse(h.toNixString())).isEqualTo(h);
    assertThat(Hash.parse(h.toSri())).isEqualTo(h);
    assertThat(Hash.parse("sha256:" + h.toBase16())).isEqualTo(h);
    assertThat(Hash.parse(h.toBase32())).isEqualTo(h);
  }

  @Test
  void rejectsLettersOutsideTheAlphabet() {
    assertThatThrownBy(() -> NixBase32.decode("e".repeat(52), 32))
        .hasMessageContaining("'e'")
        .hasMessageContaining("not a Nix base-32 digit");
    assertThatThrownBy(() -> Hash.parse("sha256:xyz")).hasMessageContaining("'sha256:xyz'");
  }

  @Test
  void storePathNamesFollowNixRules() {
    assertThat(StorePath.checkName("hello-2.12_a+b?=c")).isEqualTo("hello-2.12_a+b?=c");
    assertThatThrownBy(() -> StorePath.checkName(".hidden")).hasMessageContaining("'.'");
    assertThatThrownBy(() -> StorePath.checkName("a b")).hasMessageContaining("--name");
    assertThatThrownBy(() -> StorePath.parseBaseName("short")).hasMessageContaining("'short'");
  }
}
