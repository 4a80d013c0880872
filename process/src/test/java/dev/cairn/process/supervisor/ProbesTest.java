package dev.cairn.process.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.process.ProcessSpec.ProbeKind;
import dev.cairn.process.ProcessSpec.Readiness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TCP probe against real sockets on loopback. */
class ProbesTest {
  @TempDir Path tmp;

  @Test
  void tcpPassesOnlyWhileSomethingListens() throws IOException {
    int port;
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = listener.getLocalPort();
      assertThat(Probes.check(tcp(port), tmp.resolve("log"), 0)).isTrue();
    }
    assertThat(Probes.check(tcp(port), tmp.resolve("log"), 0)).isFalse();
  }

  /**
   * The kernel may give a probe's socket the port it connects to, as its source port, when that
   * port lies in the ephemeral range and nothing listens there: the socket then connects to itself.
   * That made a webapp's probe pass before it listened (ProcessesIT saw nginx's 502). Binding the
   * probe's socket to the port does here what the kernel does by chance.
   */
  @Test
  void tcpDoesNotCountASocketConnectedToItself() throws IOException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
    try (Socket s = new Socket()) {
      s.setReuseAddress(true);
      s.bind(address);
      assertThat(Probes.tcp(s, address)).isFalse();
      assertThat(s.isConnected()).as("simultaneous open joined the socket to itself").isTrue();
    }
  }

  private static Readiness tcp(int port) {
    return new Readiness(ProbeKind.TCP, "127.0.0.1:" + port, 100, 1000);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
