package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.activation.Activator;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StoreLayout;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS agent on loopback: a generated certificate, pinning, and authentication first. */
class HttpsListenerTest {
  private static final String STORE_DIR = "/cairn-test/store";
  private static final String TOKEN = "s3cret-token-value";

  @TempDir static Path keys;
  private static TlsIdentity identity;

  @TempDir Path tmp;
  private LocalStore coordinator;
  private LocalStore targetStore;
  private HttpsListener listener;
  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void generate() throws IOException {
    identity = TlsIdentity.generatedIn(keys.resolve("tls"), "127.0.0.1", Duration.ofSeconds(60));
  }

  @BeforeEach
  void start() throws IOException {
    coordinator = LocalStore.open(StoreLayout.of(tmp.resolve("coordinator"), STORE_DIR));
    targetStore = LocalStore.open(StoreLayout.of(tmp.resolve("target"), STORE_DIR));
    AgentServer server = new AgentServer(targetStore, Activator.create(List.of()), "9.9", log::add);
    listener =
        HttpsListener.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            identity,
            HttpCredentials.token(TOKEN),
            server,
            log::add,
            Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() throws IOException {
    listener.close();
    coordinator.close();
    targetStore.close();
  }

  private URI url() {
    return URI.create("https://127.0.0.1:" + listener.address().getPort());
  }

  private HttpTarget connect(String token, Optional<String> pin) throws IOException {
    return HttpTarget.connect(
        "t",
        url(),
        HttpCredentials.token(token),
        pin,
        new AgentOptions("9.9", STORE_DIR, Duration.ofSeconds(20), Duration.ofSeconds(20), true));
  }

  @Test
  void aPinnedSessionCopiesAClosureAndReportsTheConfiguration() throws IOException {
    StorePath p = coordinator.addText("hello", "hello\n", List.of());
    Files.createDirectories(tmp.resolve("target/containers"));
    Files.writeString(tmp.resolve("target/containers/process"), "# a container\nport=80\n");
    Files.writeString(tmp.resolve("target/properties"), "hostname=\"box\"\n");
    try (HttpTarget t = connect(TOKEN, Optional.of(identity.fingerprint().toLowerCase()))) {
      assertThat(t.queryMissing(List.of(p))).containsExactly(p);
      assertThat(t.importClosure(coordinator, List.of(p), n -> {})).isPositive();
      assertThat(t.queryMissing(List.of(p))).isEmpty();
      TargetConfig c = t.captureConfig();
      assertThat(c.properties()).containsEntry("hostname", "box");
      assertThat(c.containers()).containsKey("process");
      assertThat(c.containers().get("process")).containsEntry("port", "80");
      assertThat(c.numOfCores()).isPositive();
    }
    assertThat(targetStore.isValid(p)).isTrue();
  }

  @Test
  void aWrongTokenIsRefusedBeforeAnyWorkAndTheLogOmitsIt() throws IOException {
    assertThatThrownBy(() -> connect("wrong-" + TOKEN, Optional.of(identity.fingerprint())))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("refused the credentials (HTTP 401)")
        .hasMessageNotContaining(TOKEN);
    assertThat(log).anyMatch(l -> l.contains("refused a request") && l.contains("wrong"));
    assertThat(String.join("\n", log)).doesNotContain(TOKEN).doesNotContain("session for");
  }

  @Test
  void aCertificateOtherThanThePinnedOneIsRejected() {
    String other = "AB:" + "00:".repeat(30) + "CD";
    assertThatThrownBy(() -> connect(TOKEN, Optional.of(other)))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("fingerprint is " + identity.fingerprint())
        .hasMessageContaining("certFingerprint pins " + other);
    assertThat(log).noneMatch(l -> l.contains("session for"));
  }

  @Test
  void withoutAPinASelfSignedCertificateIsNotTrustedAndTheMessageSaysHowToPin() {
    assertThatThrownBy(() -> connect(TOKEN, Optional.empty()))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("certFingerprint to " + identity.fingerprint());
  }

  @Test
  void theGeneratedIdentityIsKeptAcrossStarts() throws IOException {
    TlsIdentity again =
        TlsIdentity.generatedIn(keys.resolve("tls"), "127.0.0.1", Duration.ofSeconds(60));
    assertThat(again.fingerprint()).isEqualTo(identity.fingerprint());
  }

  @Test
  void credentialsNeverShowTheirSecret() {
    assertThat(HttpCredentials.token(TOKEN).toString()).doesNotContain(TOKEN);
    assertThat(HttpCredentials.basic("u", "pw").accepts("Basic dTpwdw==")).isTrue();
    assertThat(HttpCredentials.basic("u", "pw").accepts("Basic dTpwdx==")).isFalse();
  }
}
