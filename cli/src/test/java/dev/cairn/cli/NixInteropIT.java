package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cairn and the real Nix agree on paths, archives and export streams, both ways. */
class NixInteropIT {
  @TempDir Path tmp;

  private Path sampleTree() throws Exception {
    Path t = tmp.resolve("tree");
    Files.createDirectories(t.resolve("nested/deeper"));
    Files.createDirectories(t.resolve("empty"));
    Files.writeString(t.resolve("nested/deeper/file.txt"), "deep\n");
    Files.write(t.resolve("zero"), new byte[0]);
    Files.write(t.resolve("eight"), "12345678".getBytes());
    Files.write(t.resolve("nine"), "123456789".getBytes());
    Files.writeString(t.resolve("héllo-日本"), "non-ASCII name\n");
    Path exe = t.resolve("run.sh");
    Files.writeString(exe, "#!/bin/sh\necho hi\n");
    exe.toFile().setExecutable(true);
    Files.createSymbolicLink(t.resolve("link"), Path.of("nested/deeper/file.txt"));
    Files.createSymbolicLink(t.resolve("dangling"), Path.of("/does/not/exist"));
    return t;
  }

  @Test
  void dumpIsByteIdenticalToNix() throws Exception {
    Path tree = sampleTree();
    Nix nix = new Nix(tmp.resolve("nix"));
    byte[] theirs = nix.storeBytes(null, null, "--dump", tree.toString());
    byte[] ours = Cairn.at(tmp.resolve("c")).run("store", "dump", tree.toString()).ok().stdout();
    assertThat(ours).isEqualTo(theirs);
    String hash =
        Cairn.at(tmp.resolve("c")).run("store", "hash", tree.toString()).ok().lines().get(0);
    assertThat(hash)
        .isEqualTo(
            "sha256:"
                + new String(
                        new ProcessBuilder(
                                "nix-hash", "--type", "sha256", "--base32", tree.toString())
                            .start()
                            .getInputStream()
                            .readAllBytes())
                    .trim());
  }

  @Test
  void addPrintsTheSamePathAsNix() throws Exception {
    Path tree = sampleTree();
    Nix nix = new Nix(tmp.resolve("nix"));
    Cairn cairn = Cairn.nixCompatible(tmp.resolve("cairn"));
    for (Path p : List.of(tree, tree.resolve("nine"), tree.resolve("run.sh"))) {
      String theirs = nix.store("--add", p.toString()).trim();
      String ours = cairn.run("store", "add", p.toString()).ok().out().trim();
      assertThat(ours).isEqualTo(theirs);
    }
    // Many at once, one of them twice.
    String[] many = {tree.toString(), tree.resolve("nine").toString(), tree.toString()};
    String theirs = nix.store("--add", many[0], many[1], many[2]);
    Cairn.Result ours = cairn.run("store", "add", many[0], many[1], many[2]).ok();
    assertThat(ours.lines()).hasSize(3).containsExactlyElementsOf(theirs.lines().toList());
    cairn.assertClean();
  }

  @Test
  void addOfManyWithOneMissingAddsNone() throws Exception {
    Path tree = sampleTree();
    Cairn cairn = Cairn.nixCompatible(tmp.resolve("cairn"));
    Path missing = tmp.resolve("missing");

    Cairn.Result r = cairn.run("store", "add", tree.toString(), missing.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr()).contains(missing + " does not exist");
    assertThat(r.out()).isEmpty();
    assertThat(cairn.run("store", "verify").ok().out()).contains("checked 0 paths");
    cairn.assertClean();
  }

  @Test
  void nixExportImportsIntoCairnAndBack() throws Exception {
    Nix nix = new Nix(tmp.resolve("nix"));
    String top =
        nix.eval(
            "let a = builtins.toFile \"a\" \"hello\"; b = builtins.toFile \"b\" \"uses ${a}\";"
                + " in builtins.toFile \"c\" \"uses ${b} and ${a}\"");
    String tree = nix.store("--add", sampleTree().toString()).trim();
    List<String> closure = new ArrayList<>(nix.store("-qR", top).lines().toList());
    closure.add(tree);
    List<String> exportArgs = new ArrayList<>(List.of("--export"));
    exportArgs.addAll(closure);
    Path stream = tmp.resolve("nix.export");
    nix.storeBytes(null, stream, exportArgs.toArray(String[]::new));

    Cairn cairn = Cairn.nixCompatible(tmp.resolve("cairn"));
    assertThat(cairn.run(stream, "store", "import").ok().lines())
        .containsExactlyInAnyOrderElementsOf(closure);
    cairn.assertClean();
    assertThat(cairn.run("store", "closure", top).ok().lines())
        .containsExactlyInAnyOrderElementsOf(nix.store("-qR", top).lines().toList());
    assertThat(cairn.run("store", "references", top).ok().lines())
        .containsExactlyInAnyOrderElementsOf(nix.store("-q", "--references", top).lines().toList());
    for (String p : closure) {
      assertThat(cairn.run("store", "path-info", p).ok().out())
          .contains("narHash:          " + nix.store("-q", "--hash", p).trim());
    }

    // And back: Cairn's export of the same closure imports into a fresh Nix store.
    List<String> ourExport = new ArrayList<>(List.of("store", "export"));
    ourExport.addAll(closure);
    Path back = cairn.runToFile(tmp.resolve("cairn.export"), ourExport.toArray(String[]::new));
    Nix fresh = new Nix(tmp.resolve("nix2"));
    fresh.storeBytes(back, null, "--import");
    for (String p : closure) {
      fresh.store("--verify-path", p);
      assertThat(fresh.store("-q", "--hash", p)).isEqualTo(nix.store("-q", "--hash", p));
    }
    assertThat(fresh.store("-qR", top).lines().sorted().toList())
        .isEqualTo(nix.store("-qR", top).lines().sorted().toList());
  }
}
