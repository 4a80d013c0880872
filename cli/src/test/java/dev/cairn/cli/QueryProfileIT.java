package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn agent --query-profile}, which a coordinator runs on each ssh target before a
 * redeploy that changes nothing: the launcher answers it in shell, without a JVM, and must say
 * exactly what the Java command says, for the same root.
 */
class QueryProfileIT {
  @TempDir Path tmp;

  /** Runs the repository's launcher script; only its shell fast path may answer. */
  private static String launcher(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", repo().resolve("cairn").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("CAIRN_ROOT");
    pb.environment().putAll(env);
    // A JAVA_HOME without java: if the script fell through to the JVM, it would fail loudly.
    pb.environment().put("JAVA_HOME", "/nonexistent-java-home");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  private static Path repo() {
    return Path.of(System.getProperty("user.dir")).getParent();
  }

  @Test
  void theLauncherAnswersAsTheJavaCommandDoesAndTouchesNothing() throws Exception {
    Cairn c = Cairn.at(tmp.resolve("root"));
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    Files.writeString(tree.resolve("f"), "x");
    String path = c.run("store", "add", tree.toString()).ok().out().strip();
    c.run("profile", "set", "--profile", "target-t-p", path).ok();
    Path profiles = c.root().resolve("profiles");
    Files.createSymbolicLink(profiles.resolve("target-gone-p"), tmp.resolve("no-such-path"));
    String root = c.root().toString();

    String name = Path.of(path).getFileName().toString();
    for (String profile : List.of("target-t-p", "target-gone-p", "target-none-p")) {
      String java = c.run("agent", "--query-profile", profile).ok().out();
      assertThat(launcher(Map.of(), "--root", root, "agent", "--query-profile", profile))
          .as(profile)
          .isEqualTo(java);
      assertThat(launcher(Map.of(), "--root=" + root, "agent", "--query-profile", profile))
          .isEqualTo(java);
      assertThat(launcher(Map.of("CAIRN_ROOT", root), "agent", "--query-profile", profile))
          .isEqualTo(java);
    }
    assertThat(c.run("agent", "--query-profile", "target-t-p").ok().out()).isEqualTo(name + "\n");
    assertThat(c.run("agent", "--query-profile", "target-none-p").ok().out()).isEmpty();

    // A root that does not exist is not created by the question, in either implementation.
    Path none = tmp.resolve("no-root");
    assertThat(launcher(Map.of(), "--root", none.toString(), "agent", "--query-profile", "x"))
        .isEmpty();
    assertThat(Cairn.at(none).run("agent", "--query-profile", "x").ok().out()).isEmpty();
    assertThat(none).doesNotExist();
  }

  @Test
  void aBadProfileNameIsRefusedNamingTheRule() throws IOException {
    Cairn.Result r = Cairn.at(tmp.resolve("root")).run("agent", "--query-profile", "../etc");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr()).contains("'../etc'", "not allowed");
    assertThat(tmp.resolve("root")).doesNotExist();
  }
}
