package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building recipes with the real command: closures, symlinks, failures, errors. */
class BuildIT {
  @TempDir Path tmp;

  private Path recipes(String yaml) throws Exception {
    Path f = tmp.resolve("recipes.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void anInputTheOutputMentionsStaysInTheClosureOneUsedOnlyToBuildDoesNot() throws Exception {
    Path f =
        recipes(
            """
            recipes:
              runtime:
                files:
                  lib/data.txt: "needed at run time\\n"
              tool:
                files:
                  bin/make-greeting:
                    mode: "0755"
                    text: |
                      #!/bin/sh
                      echo generated
              app:
                inputs: [runtime, tool]
                build: |
                  mkdir -p $out/bin
                  make-greeting > $out/greeting.txt
                  echo "cat $runtime/lib/data.txt" > $out/bin/app
            """);
    Cairn cairn = Cairn.at(tmp.resolve("root"));
    String app = cairn.run("store", "build", f.toString(), "--attr", "app").ok().out().trim();
    String runtime = cairn.run("store", "build", f.toString(), "-A", "runtime").ok().out().trim();
    String tool = cairn.run("store", "build", f.toString(), "-A", "tool").ok().out().trim();
    assertThat(cairn.run("store", "closure", app).ok().lines()).containsExactly(runtime, app);
    assertThat(cairn.run("store", "closure", app).ok().lines()).doesNotContain(tool);
    assertThat(Path.of(app, "greeting.txt")).hasContent("generated");
    String info = cairn.run("store", "path-info", app).ok().out();
    assertThat(info).contains("deriver:").contains(".recipe.json");
    // Several paths are read in one batch; the valid ones before an invalid one still print.
    String absent =
        Path.of(app).resolveSibling("00000000000000000000000000000000-absent").toString();
    Cairn.Result partial = cairn.run("store", "path-info", app, runtime, absent, tool);
    assertThat(partial.exit()).isEqualTo(1);
    assertThat(partial.lines()).filteredOn(l -> !l.startsWith(" ")).containsExactly(app, runtime);
    assertThat(partial.stderr()).contains(absent + " is not a valid path");
    cairn.assertClean();
  }

  @Test
  void aSymlinkPointingOutsideTheOutputIsKeptNotFollowed() throws Exception {
    Path f =
        recipes(
            """
            recipes:
              links:
                build: |
                  mkdir $out
                  ln -s /etc/passwd $out/passwd
                  ln -s ../../../.. $out/up
            """);
    Cairn cairn = Cairn.at(tmp.resolve("root"));
    String out = cairn.run("store", "build", f.toString()).ok().out().trim();
    assertThat(Files.isSymbolicLink(Path.of(out, "passwd"))).isTrue();
    assertThat(Files.readSymbolicLink(Path.of(out, "passwd"))).isEqualTo(Path.of("/etc/passwd"));
    assertThat(Files.readSymbolicLink(Path.of(out, "up"))).isEqualTo(Path.of("../../../.."));
    cairn.assertClean();
  }

  @Test
  void aFailedBuildShowsTheLogTailAndLeavesNothing() throws Exception {
    Path f =
        recipes(
            """
            recipes:
              broken:
                build: |
                  mkdir -p $out
                  echo "compiling the thing"
                  echo "error: the thing is broken" >&2
                  exit 3
            """);
    Cairn cairn = Cairn.at(tmp.resolve("root"));
    Cairn.Result r = cairn.run("store", "build", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr())
        .contains("building 'broken'")
        .contains("exited with code 3")
        .contains("| compiling the thing")
        .contains("| error: the thing is broken")
        .contains(tmp.resolve("root/logs").toString());
    try (var entries = Files.list(tmp.resolve("root/store"))) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith("-broken"));
    }
    cairn.assertClean();

    Cairn.Result kept = cairn.run("store", "build", "--keep-failed", f.toString());
    assertThat(kept.exit()).isEqualTo(1);
    String dir =
        kept.stderr().lines().filter(l -> l.contains("is kept in")).findFirst().orElseThrow();
    Path keptDir = Path.of(dir.substring(dir.indexOf(" in ") + 4).trim());
    assertThat(keptDir.resolve("build")).isDirectory();
    assertThat(keptDir.resolve("out")).isDirectory();
  }

  @Test
  void recipeErrorsNameFileLineAndColumnAndChangeNothing() throws Exception {
    Cairn cairn = Cairn.at(tmp.resolve("root"));
    cairn.run("store", "verify").ok();
    Path f = tmp.resolve("recipes.yaml");

    Files.writeString(f, "recipes:\n  a:\n    files: {x: y}\n    biuld: echo\n");
    assertError(cairn, f, f + ":4:5", "unknown key 'biuld'", "build");

    Files.writeString(f, "recipes:\n  a:\n    inputs: [nope]\n    build: echo\n");
    assertError(cairn, f, f + ":3:14", "nope");

    Files.writeString(
        f, "recipes:\n  a:\n    inputs: [b]\n    build: x\n  b:\n    inputs: [a]\n    build: x\n");
    Cairn.Result r = cairn.run("store", "build", f.toString(), "-A", "a");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr()).contains(f.toString() + ":").contains("cycle").contains("a -> b -> a");

    Files.writeString(f, "recipes:\n  a:\n    files:\n      ../escape: x\n");
    assertError(cairn, f, f + ":4:7", "..");

    try (var entries = Files.list(tmp.resolve("root/store"))) {
      assertThat(entries).isEmpty();
    }
    cairn.assertClean();
  }

  private static void assertError(Cairn cairn, Path f, String position, String... words) {
    Cairn.Result r = cairn.run("store", "build", f.toString());
    assertThat(r.exit()).as(r.stderr()).isEqualTo(1);
    assertThat(r.stderr()).startsWith("error: " + position).contains(words);
  }
}
