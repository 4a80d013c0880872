package dev.cairn.agent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The coordinator's end of one agent session: numbered requests, answered in any order, so that
 * several threads (activations in parallel) share one stream. A reader thread completes each
 * request's future; every wait is bounded, and a payload whose writes stall for longer than the
 * timeout ends the session through {@code abort} (killing ssh, say), which unblocks the writer.
 */
final class AgentSession {
  /** Writes a payload into the stream it is given. */
  interface Payload {
    void writeTo(OutputStream out) throws IOException;
  }

  private final String target;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final Runnable abort;
  private final Supplier<String> diagnostics;
  private final Map<Long, CompletableFuture<Map<String, Object>>> pending =
      new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Object writeLock = new Object();
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cairn-agent-watchdog");
            t.setDaemon(true);
            return t;
          });
  private volatile IOException broken;
  private volatile long writeStarted;

  /** The payload being sent (its request's id), and how much of it the agent has read. */
  private final Object window = new Object();

  private long windowPayload = -1;
  private long windowRead;

  AgentSession(
      String target, InputStream in, OutputStream out, Runnable abort, Supplier<String> why) {
    this.target = target;
    this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    this.abort = abort;
    this.diagnostics = why;
  }

  /** Writes this side's magic and starts reading answers; the agent's magic comes first. */
  void start() throws IOException {
    synchronized (writeLock) {
      Frames.writeMagic(out);
    }
    Thread reader = new Thread(this::readAnswers, "cairn-agent-" + target);
    reader.setDaemon(true);
    reader.start();
  }

  private void readAnswers() {
    try {
      Frames.readMagic(in);
      for (Map<String, Object> a = Frames.read(in); a != null; a = Frames.read(in)) {
        if (a.containsKey("ack")) {
          acknowledged(((Number) a.get("ack")).longValue(), ((Number) a.get("bytes")).longValue());
          continue;
        }
        CompletableFuture<Map<String, Object>> f =
            pending.remove(((Number) a.getOrDefault("id", -1)).longValue());
        if (f != null) {
          f.complete(a);
        }
      }
      fail(new java.io.EOFException("the agent ended the session"));
    } catch (IOException e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(new IOException(e.toString(), e));
    }
  }

  private void fail(IOException e) {
    broken = e;
    pending.values().forEach(f -> f.completeExceptionally(e));
    pending.clear();
    synchronized (window) {
      window.notifyAll(); // a writer waiting for room learns that none will come
    }
  }

  private void acknowledged(long payload, long bytes) {
    synchronized (window) {
      if (payload == windowPayload && bytes > windowRead) {
        windowRead = bytes;
        window.notifyAll();
      }
    }
  }

  /**
   * Waits until the agent has read enough of payload {@code id} that {@code more} bytes may follow
   * the {@code sent} ones (Frames.WINDOW). The wait counts as a write for the stall watchdog: an
   * agent that stops reading stalls the copy as a full pipe would.
   */
  private void awaitRoom(long id, long sent, int more) throws IOException {
    synchronized (window) {
      if (windowPayload != id) {
        windowPayload = id;
        windowRead = 0;
      }
      if (sent + more - windowRead <= Frames.WINDOW) {
        return;
      }
      writeStarted = System.nanoTime();
      try {
        while (sent + more - windowRead > Frames.WINDOW) {
          IOException b = broken;
          if (b != null) {
            throw b;
          }
          window.wait(1000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while sending");
      } finally {
        writeStarted = 0;
      }
    }
  }

  /**
   * Sends {@code op} and waits up to {@code timeout} for its answer.
   *
   * @throws TargetException the agent's error, or naming the broken session and what ssh said
   */
  Map<String, Object> call(String op, Map<String, Object> args, Duration timeout)
      throws IOException {
    return call(op, args, null, LongConsumerHolder.NONE, timeout, timeout);
  }

  /** Sends {@code op} with a payload, then waits for the answer. */
  Map<String, Object> call(
      String op,
      Map<String, Object> args,
      Payload payload,
      LongConsumer progress,
      Duration stall,
      Duration timeout)
      throws IOException {
    long id = ids.getAndIncrement();
    CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
    pending.put(id, answer);
    Map<String, Object> header = new LinkedHashMap<>(args);
    header.put("id", id);
    header.put("op", op);
    try {
      send(header, payload, progress, stall);
    } catch (IOException e) {
      throw broken(op, readerReason(answer, e));
    }
    return await(op, answer, timeout);
  }

  /**
   * Why writing failed: usually the reader knows better (the agent's complaint, or what came
   * instead of the protocol), so give it a moment to say.
   */
  private Throwable readerReason(CompletableFuture<Map<String, Object>> answer, IOException e) {
    try {
      answer.get(2, TimeUnit.SECONDS);
      return e;
    } catch (ExecutionException failed) {
      return failed.getCause();
    } catch (TimeoutException | java.util.concurrent.CancellationException stillOpen) {
      return e;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return e;
    } finally {
      answer.cancel(false);
    }
  }

  private void send(
      Map<String, Object> header, Payload payload, LongConsumer progress, Duration stall)
      throws IOException {
    IOException b = broken;
    if (b != null) {
      throw b;
    }
    synchronized (writeLock) {
      if (payload == null) {
        Frames.write(out, header);
        out.flush();
        return;
      }
      header.put("payload", true);
      Frames.write(out, header);
      var guard = watchdog.scheduleWithFixedDelay(() -> checkStall(stall), 1, 1, TimeUnit.SECONDS);
      try {
        long id = ((Number) header.get("id")).longValue();
        ChunkedOutputStream chunks =
            new ChunkedOutputStream(
                new DataOutputStream(new StallTimer(out)),
                (sent, more) -> awaitRoom(id, sent, more),
                progress);
        try {
          payload.writeTo(chunks);
        } catch (IOException | RuntimeException e) {
          chunks.abort();
          throw e;
        }
        chunks.close();
      } finally {
        guard.cancel(false);
        writeStarted = 0;
      }
    }
  }

  private void checkStall(Duration stall) {
    long started = writeStarted;
    if (started != 0 && System.nanoTime() - started > stall.toNanos()) {
      fail(new IOException("sending stalled for more than " + stall.toSeconds() + " s"));
      abort.run();
    }
  }

  private Map<String, Object> await(
      String op, CompletableFuture<Map<String, Object>> answer, Duration timeout)
      throws IOException {
    Map<String, Object> a;
    try {
      a = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      abort.run();
      throw new TargetException(
          target,
          "no answer to "
              + op
              + " within "
              + timeout.toSeconds()
              + " s; the session was closed (raise the timeout if the target is just slow)");
    } catch (ExecutionException e) {
      throw broken(op, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + op);
    }
    if (!Boolean.TRUE.equals(a.get("ok"))) {
      throw Wire.exception(target, a.get("error"));
    }
    return a;
  }

  /** The exception for a session that broke during {@code op}, with what ssh or the agent said. */
  TargetException broken(String op, Throwable cause) {
    String why = diagnostics.get();
    return new TargetException(
        target,
        "the agent session broke during "
            + op
            + ": "
            + (cause.getMessage() == null ? cause.toString() : cause.getMessage())
            + (why.isEmpty() ? "" : "; the transport said: " + why),
        java.util.Optional.empty(),
        java.util.List.of(),
        cause);
  }

  /** Stops the watchdog; the transport closes the streams. */
  void close() {
    watchdog.shutdownNow();
  }

  /** Times each write, so that the watchdog sees a stalled one. */
  private final class StallTimer extends java.io.FilterOutputStream {
    StallTimer(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      writeStarted = System.nanoTime();
      out.write(b, off, len);
      writeStarted = 0;
    }

    @Override
    public void flush() throws IOException {
      writeStarted = System.nanoTime();
      out.flush();
      writeStarted = 0;
    }

    @Override
    public void close() {
      // The session's stream stays open.
    }
  }

  /** A progress sink that ignores everything. */
  private static final class LongConsumerHolder {
    static final LongConsumer NONE = bytes -> {};
  }
}
