package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frame headers: JSON trees out and back, and what is not one refused with the reason. */
class FramesTest {
  @Test
  void aHeaderComesBackAsItWasSentInOrder() throws Exception {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", "last key first");
    inner.put("a", null);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("id", 7);
    header.put("op", "captureConfig");
    header.put("big", 1L << 40);
    header.put("huge", new BigInteger("123456789012345678901234567890"));
    header.put("ratio", 0.25);
    header.put("ok", true);
    header.put("no", false);
    header.put("list", new ArrayList<>(Arrays.asList("a", 1, null, List.of(), Map.of())));
    header.put("map", inner);
    header.put("text", "ünïcødé \"quoted\" \n line");

    Map<String, Object> back = roundTrip(header);

    assertThat(back).isEqualTo(header);
    assertThat(back.keySet()).containsExactlyElementsOf(header.keySet());
    assertThat(new ArrayList<Object>(((Map<?, ?>) back.get("map")).keySet()))
        .containsExactly("z", "a");
    assertThat(back.get("id")).isInstanceOf(Integer.class);
    assertThat(back.get("big")).isInstanceOf(Long.class);
  }

  @Test
  void aValueJsonCannotCarryIsRefusedBeforeAnythingIsWritten() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> Frames.write(new DataOutputStream(out), Map.of("when", new Object())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot hold a java.lang.Object");
    assertThat(out.size()).isZero();
  }

  @Test
  void whatIsNotAJsonObjectIsAProtocolError() {
    assertThatThrownBy(() -> read("[1, 2]"))
        .isInstanceOf(Frames.ProtocolException.class)
        .hasMessage("a frame header that is not a JSON object");
    assertThatThrownBy(() -> read("{\"a\": 1} {}"))
        .isInstanceOf(Frames.ProtocolException.class)
        .hasMessage("a frame header with more after its JSON object");
    assertThatThrownBy(() -> read("{\"a\": tru}"))
        .isInstanceOf(Frames.ProtocolException.class)
        .hasMessageStartingWith("a frame header that is not JSON: ");
  }

  /** Each side names the other when the stream ends early or is not the protocol. */
  @Test
  void aMagicCutShortOrWrongNamesTheOtherSide() {
    assertThatThrownBy(() -> Frames.readMagic(stream("hi\n")))
        .isInstanceOf(java.io.EOFException.class)
        .hasMessage("the agent ended after 'hi.'");
    assertThatThrownBy(() -> Frames.readCoordinatorMagic(stream("")))
        .isInstanceOf(java.io.EOFException.class)
        .hasMessage("the coordinator ended before saying hello");
    assertThatThrownBy(() -> Frames.readMagic(stream("Welcome to the box\n")))
        .isInstanceOf(Frames.ProtocolException.class)
        .hasMessageContaining("it said 'Welcome to t…'")
        .hasMessageContaining("does a login script print to stdout");
    assertThatThrownBy(() -> Frames.readCoordinatorMagic(stream("GET / HTTP/1.1\r\n")))
        .isInstanceOf(Frames.ProtocolException.class)
        .hasMessageContaining("speaks only to a Cairn coordinator");
  }

  private static DataInputStream stream(String text) {
    return new DataInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, Object> roundTrip(Map<String, Object> header) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Frames.write(new DataOutputStream(out), header);
    return Frames.read(new DataInputStream(new ByteArrayInputStream(out.toByteArray())));
  }

  private static Map<String, Object> read(String json) throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(frame);
    out.writeInt(bytes.length);
    out.write(bytes);
    return Frames.read(new DataInputStream(new ByteArrayInputStream(frame.toByteArray())));
  }
}
