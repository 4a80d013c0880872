package dev.cairn.store.nar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UmaskTest {
  @TempDir Path tmp;

  @Test
  void readsTheMaskFromAStatusFile() throws Exception {
    Path status =
        Files.writeString(tmp.resolve("status"), "Name:\tjava\nUmask:\t0027\nState:\tR\n");
    assertThat(Umask.read(status)).isEqualTo(0027);
  }

  @Test
  void withoutAMaskEverythingCountsAsCleared() throws Exception {
    Path status = Files.writeString(tmp.resolve("status"), "Name:\tjava\nState:\tR\n");
    assertThat(Umask.read(status)).isEqualTo(0777);
    assertThat(Umask.read(tmp.resolve("missing"))).isEqualTo(0777);
    Path garbled = Files.writeString(tmp.resolve("garbled"), "Umask:\tnine\n");
    assertThat(Umask.read(garbled)).isEqualTo(0777);
  }

  @Test
  void thisProcessesMaskIsReadable() {
    // Linux since 4.7 states it; the usual masks (022, 002, 077) keep the owner's bits.
    assertThat(Umask.read(Path.of("/proc/self/status"))).isLessThan(0777);
    assertThat(Umask.keeps(0400)).isTrue();
  }
}
