package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.Background;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What users cannot see but rely on: bad archives change nothing, a killed import registers
 * nothing, concurrent processes take turns, and the collector spares what a build uses.
 */
class SafetyIT {
  @TempDir Path tmp;

  /** Adds {@code count} directories of {@code size} random bytes each; returns their paths. */
  private List<String> addMany(Cairn cairn, int count, int size) throws Exception {
    Random random = new Random(42);
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path d = Files.createDirectories(tmp.resolve("src/p" + i));
      byte[] data = new byte[size];
      random.nextBytes(data);
      Files.write(d.resolve("data"), data);
    }
    List<String> args = new ArrayList<>(List.of("store", "add"));
    for (int i = 0; i < count; i++) {
      args.add(tmp.resolve("src/p" + i).toString());
    }
    paths.addAll(cairn.run(args.toArray(String[]::new)).ok().lines());
    return paths;
  }

  private Path exportOf(Cairn cairn, List<String> paths, String name) throws Exception {
    List<String> args = new ArrayList<>(List.of("store", "export"));
    args.addAll(paths);
    return cairn.runToFile(tmp.resolve(name), args.toArray(String[]::new));
  }

  /**
   * A command line that cannot be read is said as every other error, with picocli's suggestions for
   * a mistyped word and where the command's help is, not the whole help; it changes nothing.
   */
  @Test
  void aCommandLineThatCannotBeReadSaysWhatIsWrongAndWhereTheHelpIs() {
    Cairn cairn = Cairn.at(tmp.resolve("root"));

    Cairn.Result option = cairn.run("deploy", "--rollbak");
    assertThat(option.exit()).isEqualTo(2);
    assertThat(option.out()).isEmpty();
    assertThat(option.stderr())
        .startsWith("error: Unknown option: '--rollbak'")
        .contains("--rollback", "see 'cairn deploy --help'")
        .doesNotContain("Usage:");

    Cairn.Result word = cairn.run("stor", "add", "x");
    assertThat(word.exit()).isEqualTo(2);
    assertThat(word.stderr()).contains("cairn store", "see 'cairn --help'");

    Cairn.Result missing = cairn.run("store", "add");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.stderr())
        .isEqualTo("error: Missing required parameter: 'PATH'\nsee 'cairn store add --help'\n");
    assertThat(tmp.resolve("root")).doesNotExist();
  }

  @Test
  void corruptOrTruncatedStreamsImportNothing() throws Exception {
    Cairn from = Cairn.nixCompatible(tmp.resolve("from"));
    List<String> paths = addMany(from, 3, 5000);
    byte[] stream = Files.readAllBytes(exportOf(from, paths, "good.export"));

    Cairn to = Cairn.nixCompatible(tmp.resolve("to"));
    // The format carries no checksum, so corruption is caught where it breaks the structure:
    // here the second archive's magic, and the second path's trailer magic ("NIXE").
    byte[] flipped = stream.clone();
    int second =
        indexOf(
            stream, "nix-archive-1".getBytes(), indexOf(stream, "nix-archive-1".getBytes(), 0) + 1);
    flipped[second + 3] ^= 0x20;
    Path corrupt = Files.write(tmp.resolve("corrupt.export"), flipped);
    byte[] badTrailer = stream.clone();
    int nixe = indexOf(stream, new byte[] {0x4e, 0x49, 0x58, 0x45}, 0);
    badTrailer[nixe] = 0;
    Path trailer = Files.write(tmp.resolve("trailer.export"), badTrailer);
    Path truncated =
        Files.write(tmp.resolve("short.export"), Arrays.copyOf(stream, stream.length - 100));
    for (Path bad : List.of(corrupt, trailer, truncated)) {
      Cairn.Result r = to.run(bad, "store", "import");
      assertThat(r.exit()).as(r.stderr()).isEqualTo(1);
      assertThat(r.stderr()).startsWith("error: ");
      assertNoValidPaths(to);
      to.assertClean();
    }

    Path nar = tmp.resolve("x.nar");
    Files.write(
        nar,
        Arrays.copyOf(
            from.run("store", "dump", tmp.resolve("src/p0").toString()).ok().stdout(), 200));
    Cairn.Result r = to.run(nar, "store", "restore", tmp.resolve("restored").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(tmp.resolve("restored")).doesNotExist();

    assertThat(to.run(tmp.resolve("good.export"), "store", "import").ok().lines())
        .containsExactlyInAnyOrderElementsOf(paths);
    to.assertClean();
  }

  /** In a store without roots every valid path is garbage: an empty dry run means none. */
  private static void assertNoValidPaths(Cairn cairn) {
    assertThat(cairn.run("store", "gc", "--dry-run", "--json").ok().out())
        .contains("\"deleted\" : [ ]");
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void killingAnImportMidwayRegistersNothing() throws Exception {
    Cairn from = Cairn.nixCompatible(tmp.resolve("from"));
    List<String> paths = addMany(from, 40, 1 << 20);
    byte[] stream = Files.readAllBytes(exportOf(from, paths, "all.export"));

    Cairn to = Cairn.nixCompatible(tmp.resolve("to"));
    to.run("store", "verify").ok(); // creates the store before the race
    Process p = to.start(null, "store", "import");
    try (OutputStream in = p.getOutputStream()) {
      in.write(stream, 0, stream.length * 3 / 4); // most of it, then the writer dies
      in.flush();
      Thread.sleep(500);
      p.destroyForcibly();
    } catch (java.io.IOException pipeClosed) {
      p.destroyForcibly();
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertNoValidPaths(to);
    to.run("store", "verify", "--check-contents").ok();
    to.run("store", "gc").ok(); // clears the killed import's scratch directory
    assertThat(to.run(tmp.resolve("all.export"), "store", "import").ok().lines()).hasSize(40);
    to.assertClean();
  }

  @Test
  void concurrentImportsAndBuildsOfTheSamePathsTakeTurns() throws Exception {
    Cairn from = Cairn.nixCompatible(tmp.resolve("from"));
    List<String> paths = addMany(from, 10, 100_000);
    Path stream = exportOf(from, paths, "all.export");
    Cairn to = Cairn.nixCompatible(tmp.resolve("to"));
    to.run("store", "verify").ok();
    var a =
        CompletableFuture.supplyAsync(
            () -> to.run(stream, "store", "import"), Background.threads());
    var b =
        CompletableFuture.supplyAsync(
            () -> to.run(stream, "store", "import"), Background.threads());
    assertThat(a.join().ok().lines()).containsExactlyInAnyOrderElementsOf(paths);
    assertThat(b.join().ok().lines()).containsExactlyInAnyOrderElementsOf(paths);
    to.assertClean();

    Path counter = tmp.resolve("counter");
    Path f = tmp.resolve("r.yaml");
    Files.writeString(
        f,
        "recipes:\n  slow:\n    env: {COUNTER: \""
            + counter
            + "\"}\n    build: |\n      echo built >> \"$COUNTER\"\n      sleep 1\n"
            + "      mkdir $out\n");
    Cairn builder = Cairn.at(tmp.resolve("b"));
    builder.run("store", "verify").ok();
    var x =
        CompletableFuture.supplyAsync(
            () -> builder.run("store", "build", f.toString()), Background.threads());
    var y =
        CompletableFuture.supplyAsync(
            () -> builder.run("store", "build", f.toString()), Background.threads());
    assertThat(x.join().ok().out()).isEqualTo(y.join().ok().out());
    assertThat(Files.readAllLines(counter)).containsExactly("built");
    builder.assertClean();
  }

  @Test
  void gcDuringABuildSparesItsInputs() throws Exception {
    Cairn cairn = Cairn.at(tmp.resolve("root"));
    Path srcDir = Files.createDirectories(tmp.resolve("dep"));
    Files.writeString(srcDir.resolve("lib.txt"), "library\n");
    String dep = cairn.run("store", "add", srcDir.toString()).ok().out().trim(); // no root
    Path go = tmp.resolve("go");
    Path started = tmp.resolve("started");
    Path f = tmp.resolve("r.yaml");
    Files.writeString(
        f,
        "recipes:\n"
            + "  helper:\n    files: {share/h.txt: \"helper\\n\"}\n"
            + "  app:\n    inputs: {lib: \""
            + dep
            + "\", helper: helper}\n"
            + "    env: {GO: \""
            + go
            + "\", STARTED: \""
            + started
            + "\"}\n"
            + "    build: |\n"
            + "      touch \"$STARTED\"\n"
            + "      while [ ! -e \"$GO\" ]; do sleep 0.1; done\n"
            + "      mkdir $out\n"
            + "      cat $lib/lib.txt $helper/share/h.txt > $out/both.txt\n"
            + "      echo $lib > $out/uses\n");
    Process build = cairn.start(null, "store", "build", f.toString(), "-A", "app");
    for (int i = 0; i < 600 && !Files.exists(started); i++) {
      Thread.sleep(100);
    }
    assertThat(started).as("the build script started").exists();
    Cairn.Result gc = cairn.run("store", "gc").ok();
    assertThat(gc.out()).doesNotContain(dep);
    Files.createFile(go);
    assertThat(build.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(build.exitValue()).as(new String(build.getErrorStream().readAllBytes())).isZero();
    String out = new String(build.getInputStream().readAllBytes()).trim();
    assertThat(Path.of(out, "both.txt")).hasContent("library\nhelper");
    assertThat(cairn.run("store", "closure", out).ok().lines()).contains(dep);
    cairn.assertClean();
  }

  @Test
  void profilesThroughTheCommandLine() throws Exception {
    Cairn cairn = Cairn.at(tmp.resolve("root"));
    List<String> paths = addMany(cairn, 3, 10);
    for (String p : paths) {
      cairn.run("profile", "set", "--profile", "web", p).ok();
    }
    assertThat(cairn.run("profile", "list-generations", "-p", "web").ok().lines())
        .hasSize(3)
        .last()
        .asString()
        .contains(paths.get(2), "(current)");
    // A mistyped name is an error naming the profiles there, as for rollback and the others.
    Cairn.Result typo = cairn.run("profile", "list-generations", "-p", "wbe");
    assertThat(typo.exit()).isEqualTo(1);
    assertThat(typo.out()).isEmpty();
    assertThat(typo.stderr()).contains("no profile 'wbe'", "profiles there: web");
    assertThat(cairn.run("profile", "rollback", "-p", "web").ok().out()).contains("generation 2");
    assertThat(cairn.run("profile", "switch-generation", "-p", "web", "1").ok().out())
        .contains(paths.get(0));
    Cairn.Result refused = cairn.run("profile", "delete-generations", "-p", "web", "1");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.stderr()).contains("current generation");
    cairn.run("profile", "delete-generations", "-p", "web", "old").ok();
    Cairn.Result gc = cairn.run("store", "gc").ok();
    assertThat(gc.out()).contains(paths.get(1), paths.get(2)).doesNotContain(paths.get(0));
    assertThat(Path.of(paths.get(0))).exists();
    assertThat(Path.of(paths.get(1))).doesNotExist();
    cairn.assertClean();
  }
}
