package dev.cairn.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The HTTPS agent ({@code cairn agent --listen}), DisnixWebService's counterpart: a TLS server
 * socket where each connection is one coordinator session, opened by the HTTP upgrade of {@link
 * HttpHead} and then carried by the same framed protocol as ssh. The credentials are checked before
 * anything else: a refused request reaches no store and no activity, and the log line naming the
 * refusal never holds what was presented. The TLS handshake and the HTTP head must complete within
 * the handshake timeout, so an idle or slow client holds no thread for long.
 */
public final class HttpsListener implements AutoCloseable {
  private final SSLServerSocket socket;
  private final HttpCredentials credentials;
  private final AgentServer server;
  private final Consumer<String> log;
  private final Duration handshakeTimeout;
  private final ExecutorService sessions =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "cairn-https-session");
            t.setDaemon(true);
            return t;
          });
  private final Thread acceptor;

  private HttpsListener(
      SSLServerSocket socket,
      HttpCredentials credentials,
      AgentServer server,
      Consumer<String> log,
      Duration handshakeTimeout) {
    this.socket = socket;
    this.credentials = credentials;
    this.server = server;
    this.log = log;
    this.handshakeTimeout = handshakeTimeout;
    this.acceptor = new Thread(this::acceptLoop, "cairn-https-accept");
  }

  /**
   * Listens on {@code address} (port 0 picks a free one) and serves sessions until closed.
   *
   * @param credentials what every request must present; there is no way to run without
   * @throws IOException if the address cannot be bound, naming it
   */
  public static HttpsListener start(
      InetSocketAddress address,
      TlsIdentity identity,
      HttpCredentials credentials,
      AgentServer server,
      Consumer<String> log,
      Duration handshakeTimeout)
      throws IOException {
    java.util.Objects.requireNonNull(credentials, "credentials");
    SSLServerSocket s =
        (SSLServerSocket) identity.serverContext().getServerSocketFactory().createServerSocket();
    try {
      s.setReuseAddress(true);
      s.bind(address, 64);
    } catch (IOException e) {
      s.close();
      throw new IOException(
          "cannot listen on "
              + address.getHostString()
              + ":"
              + address.getPort()
              + ": "
              + e.getMessage()
              + " (is another agent running there, or is the address not this machine's?)",
          e);
    }
    HttpsListener l = new HttpsListener(s, credentials, server, log, handshakeTimeout);
    l.acceptor.start();
    return l;
  }

  /** The address actually bound. */
  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Waits until the listener is closed. */
  public void awaitClose() throws InterruptedException {
    acceptor.join();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket c = socket.accept();
        sessions.execute(() -> session((SSLSocket) c));
      } catch (IOException e) {
        if (!socket.isClosed()) {
          log.accept("cannot accept a connection: " + e.getMessage());
        }
      }
    }
  }

  private void session(SSLSocket c) {
    String peer = String.valueOf(c.getRemoteSocketAddress());
    try (c) {
      c.setSoTimeout((int) Math.max(1, handshakeTimeout.toMillis()));
      c.startHandshake();
      InputStream in = c.getInputStream();
      OutputStream out = c.getOutputStream();
      HttpHead request = HttpHead.read(in);
      if (!admit(request, peer, out)) {
        return;
      }
      c.setSoTimeout(0);
      log.accept("session from " + peer);
      server.serve(in, out);
    } catch (SocketException closed) {
      // the coordinator went away; its session ends here
    } catch (IOException | RuntimeException e) {
      log.accept("session from " + peer + " ended: " + e.getMessage());
    }
  }

  /** Checks the request; answers 101 if it may proceed, else an error status. */
  private boolean admit(HttpHead request, String peer, OutputStream out) throws IOException {
    String[] line = request.startLine().split(" ");
    if (line.length != 3 || !line[1].equals(HttpHead.PATH)) {
      refuse(out, "404 Not Found", "this is a Cairn agent; its only resource is " + HttpHead.PATH);
      return false;
    }
    if (!credentials.accepts(request.header("Authorization"))) {
      log.accept(
          "refused a request from "
              + peer
              + ": "
              + (request.header("Authorization") == null ? "no credentials" : "wrong credentials"));
      refuse(out, "401 Unauthorized", "wrong or missing credentials");
      return false;
    }
    String upgrade = request.header("Upgrade");
    if (!line[0].equals("POST") || upgrade == null || !upgrade.equals(HttpHead.UPGRADE)) {
      refuse(out, "400 Bad Request", "expected POST with Upgrade: " + HttpHead.UPGRADE);
      return false;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Connection", "Upgrade");
    fields.put("Upgrade", HttpHead.UPGRADE);
    HttpHead.write(out, "HTTP/1.1 101 Switching Protocols", fields);
    return true;
  }

  private static void refuse(OutputStream out, String status, String why) throws IOException {
    byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Content-Type", "text/plain; charset=utf-8");
    fields.put("Content-Length", String.valueOf(body.length));
    fields.put("Connection", "close");
    if (status.startsWith("401")) {
      fields.put("WWW-Authenticate", "Bearer realm=\"cairn\"");
    }
    HttpHead.write(out, "HTTP/1.1 " + status, fields);
    out.write(body);
    out.flush();
  }

  /** Stops accepting; sessions under way end when their coordinators say bye. */
  @Override
  public void close() throws IOException {
    socket.close();
    sessions.shutdown();
  }
}
