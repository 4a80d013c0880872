package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {
  @Test
  void aPathListIsALinePerPathWithItsFields() throws Exception {
    String wire =
        Wire.pathList(
            List.of(
                List.of("gfvmrrr7pvgzxzfnxk9my7lja8djqrfh-leaf", "sha256:0abc"),
                List.of("jl8s6wc9sc932jni29gwv85q386hrk4l-top", "sha256:1def")));
    assertThat(wire)
        .isEqualTo(
            "gfvmrrr7pvgzxzfnxk9my7lja8djqrfh-leaf sha256:0abc\n"
                + "jl8s6wc9sc932jni29gwv85q386hrk4l-top sha256:1def\n");
    assertThat(Wire.pathList(wire, 2))
        .containsExactly(
            new String[] {"gfvmrrr7pvgzxzfnxk9my7lja8djqrfh-leaf", "sha256:0abc"},
            new String[] {"jl8s6wc9sc932jni29gwv85q386hrk4l-top", "sha256:1def"});
    assertThat(Wire.pathList(Wire.pathList(List.of()), 1)).isEmpty();
  }

  @Test
  void refusesWhatIsNotAPathList() {
    assertThatThrownBy(() -> Wire.pathList(List.of("a", "b"), 1))
        .isInstanceOf(Frames.ProtocolException.class)
        .hasMessageContaining("expected a path list as text");
    assertThatThrownBy(() -> Wire.pathList("a b\nc", 2))
        .isInstanceOf(Frames.ProtocolException.class)
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> Wire.pathList("a b c\n", 2))
        .isInstanceOf(Frames.ProtocolException.class)
        .hasMessageContaining("3 fields, not 2");
    assertThatThrownBy(() -> Wire.pathList("a \n", 1))
        .isInstanceOf(Frames.ProtocolException.class)
        .hasMessageContaining("2 fields, not 1");
  }
}
