package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.Background;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A payload's sender keeps at most {@link Frames#WINDOW} bytes ahead of what its receiver has read
 * and acknowledged, so that no buffer on the way (sshd's) fills up. A stand-in agent on in-memory
 * pipes, whose buffer is larger than any payload here, lets the test see how far the sender got.
 */
class PayloadWindowTest {
  private static final int PAYLOAD = 12 * Frames.CHUNK;

  private final PipedInputStream agentIn = new PipedInputStream(2 * PAYLOAD);
  private final PipedInputStream coordinatorIn = new PipedInputStream(1 << 20);
  private AgentSession session;

  @AfterEach
  void close() throws IOException {
    if (session != null) {
      session.close();
    }
    agentIn.close();
    coordinatorIn.close();
  }

  private DataOutputStream agentOut;
  private DataInputStream in;

  /** A session whose magic both sides have exchanged: the stand-in agent's ends are ready. */
  private AgentSession started() throws IOException {
    session =
        new AgentSession("t", coordinatorIn, new PipedOutputStream(agentIn), () -> {}, () -> "");
    agentOut = new DataOutputStream(new PipedOutputStream(coordinatorIn));
    in = new DataInputStream(agentIn);
    Frames.writeMagic(agentOut);
    session.start();
    Frames.readCoordinatorMagic(in);
    return session;
  }

  private CompletableFuture<Map<String, Object>> send(AgentSession s, Duration stall) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return s.call(
                "importClosure",
                Map.of(),
                out -> out.write(new byte[PAYLOAD]),
                bytes -> {},
                stall,
                Duration.ofSeconds(30));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        },
        Background.threads());
  }

  /**
   * How many bytes the sender has written, once it has written some and then none for 300 ms:
   * unchecked, it would have written everything by then; a busy machine may need longer than a
   * fixed pause to let it start.
   */
  private static int settled(DataInputStream in) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long since = System.nanoTime();
    for (int last = -1; ; Thread.sleep(20)) {
      int now = in.available();
      if (now != last) {
        last = now;
        since = System.nanoTime();
      } else if (now > 0 && System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(300)
          || System.nanoTime() > deadline) {
        return now;
      }
    }
  }

  @Test
  void theSenderWaitsForTheReceiverToReadAndGoesOnAsItAcknowledges() throws Exception {
    AgentSession s = started();

    CompletableFuture<Map<String, Object>> answer = send(s, Duration.ofSeconds(30));
    Map<String, Object> request = Frames.read(in);
    assertThat(request).containsEntry("payload", true);
    int ahead = settled(in);
    assertThat(ahead).isGreaterThan(0).isLessThanOrEqualTo(Frames.WINDOW + 4 * 8);
    assertThat(answer).isNotDone();

    long id = ((Number) request.get("id")).longValue();
    AtomicLong read = new AtomicLong();
    ChunkedInputStream payload =
        new ChunkedInputStream(
            in,
            bytes -> {
              read.set(bytes);
              synchronized (agentOut) {
                Frames.write(agentOut, Map.of("ack", id, "bytes", bytes));
                agentOut.flush();
              }
            });
    payload.drain();
    Frames.write(agentOut, Map.of("id", id, "ok", true));
    agentOut.flush();

    assertThat(answer.get(30, TimeUnit.SECONDS)).containsEntry("ok", true);
    assertThat(payload.total()).isEqualTo(PAYLOAD);
    assertThat(read.get()).isEqualTo(PAYLOAD);
  }

  @Test
  void aReceiverThatStopsAcknowledgingStallsTheSender() throws Exception {
    AgentSession s = started();

    CompletableFuture<Map<String, Object>> answer = send(s, Duration.ofSeconds(1));

    assertThatThrownBy(() -> answer.get(30, TimeUnit.SECONDS))
        .hasRootCauseMessage("sending stalled for more than 1 s");
  }
}
