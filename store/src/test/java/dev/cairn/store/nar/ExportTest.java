package dev.cairn.store.nar;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.Hash;
import dev.cairn.store.StoreDir;
import dev.cairn.store.StorePath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExportTest {
  static final StoreDir NIX = new StoreDir("/nix/store");

  @TempDir Path tmp;

  @Test
  void readsWhatNixStoreExportWrites() throws Exception {
    Path root = tmp.resolve("nix");
    Path tree = SampleTree.create(tmp.resolve("sample"));
    String dep = NixTool.text(NixTool.store(root, "--add", tree.toString()));
    String text = addTextReferring(root, tree);
    List<String> closure = List.of(NixTool.text(NixTool.store(root, "-qR", text)).split("\n"));
    List<String> args = new ArrayList<>(List.of("--export"));
    args.addAll(closure);
    byte[] stream = NixTool.run(new byte[0], NixTool.store(root, args.toArray(String[]::new)));

    List<ExportedPath> read = readAll(new ByteArrayInputStream(stream));

    assertThat(read).extracting(e -> NIX.print(e.path())).containsExactlyElementsOf(closure);
    for (ExportedPath e : read) {
      String path = NIX.print(e.path());
      assertThat(e.nar().narHash().toNixString())
          .isEqualTo(NixTool.text(NixTool.store(root, "-q", "--hash", path)));
      assertThat(e.nar().narSize())
          .isEqualTo(Long.parseLong(NixTool.text(NixTool.store(root, "-q", "--size", path))));
      assertThat(e.references().stream().map(NIX::print))
          .containsExactlyInAnyOrderElementsOf(references(root, path));
      assertThat(e.deriver()).isEmpty();
    }
    assertThat(read.get(1).references()).containsExactly(NIX.parse(dep));
    assertThat(NarWriterTest.dump(tmp.resolve("restored-0"))).isEqualTo(NarWriterTest.dump(tree));
  }

  @Test
  void nixStoreImportsWhatExportWriterWrites() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("sample"));
    StorePath dep = NIX.makeSourcePath(NarWriter.hash(tree).narHash(), "sample", Set.of(), false);
    Path text = Files.writeString(tmp.resolve("r"), NIX.print(dep));
    StorePath user = NIX.makeTextPath(Hash.sha256(Files.readAllBytes(text)), "r", List.of(dep));
    StorePath deriver = NIX.makeTextPath(Hash.sha256(new byte[0]), "r.drv", List.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportWriter writer = new ExportWriter(out, NIX);
    writer.write(dep, tree, List.of(), Optional.empty());
    writer.write(user, text, List.of(dep), Optional.of(deriver));
    writer.finish();
    Path root = tmp.resolve("nix");

    String imported = utf8(NixTool.run(out.toByteArray(), NixTool.store(root, "--import")));

    assertThat(imported.split("\n")).containsExactly(NIX.print(dep), NIX.print(user));
    NixTool.run(new byte[0], NixTool.store(root, "--verify-path", NIX.print(dep)));
    NixTool.run(new byte[0], NixTool.store(root, "--verify-path", NIX.print(user)));
    assertThat(references(root, NIX.print(user))).containsExactly(NIX.print(dep));
    assertThat(NixTool.text(NixTool.store(root, "-q", "--deriver", NIX.print(user))))
        .isEqualTo(NIX.print(deriver));
    assertThat(NixTool.text(NixTool.store(root, "-q", "--hash", NIX.print(dep))))
        .isEqualTo(NarWriter.hash(tree).narHash().toNixString());
  }

  @Test
  void roundTripsReferencesDeriverAndStopsAtTheEndMarker() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("sample"));
    StorePath a = StorePath.parseBaseName("0".repeat(32) + "-a");
    StorePath b = StorePath.parseBaseName("1".repeat(32) + "-b");
    StorePath drv = StorePath.parseBaseName("2".repeat(32) + "-b.drv");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportWriter writer = new ExportWriter(out, NIX);
    writer.write(a, tree.resolve("a"), List.of(), Optional.empty());
    writer.write(b, tree, List.of(b, a), Optional.of(drv));
    writer.finish();
    out.write(7);
    InputStream in = new ByteArrayInputStream(out.toByteArray());

    List<ExportedPath> read = readAll(in);

    assertThat(read)
        .containsExactly(
            new ExportedPath(
                a, new TreeSet<>(), Optional.empty(), NarWriter.hash(tree.resolve("a"))),
            new ExportedPath(
                b, new TreeSet<>(List.of(a, b)), Optional.of(drv), NarWriter.hash(tree)));
    assertThat(in.read()).isEqualTo(7);
  }

  @Test
  void ignoresALegacySignature() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("sample"));
    byte[] nar = NarWriterTest.dump(tree.resolve("a"));
    byte[] stream =
        new NarTokens()
            .num(1)
            .raw(nar)
            .num(0x4558494eL)
            .str(NIX.print(StorePath.parseBaseName("0".repeat(32) + "-a")))
            .num(0)
            .str("")
            .num(1)
            .str("cache.example.org-1:c2lnbmF0dXJl")
            .num(0)
            .toByteArray();

    assertThat(readAll(new ByteArrayInputStream(stream))).hasSize(1);
  }

  static Stream<Arguments> corrupt() throws Exception {
    String path = NIX.print(StorePath.parseBaseName("0".repeat(32) + "-a"));
    byte[] nar =
        new NarTokens().str(Nar.MAGIC, "(", "type", "regular", "contents", "hi", ")").toByteArray();
    byte[] good =
        new NarTokens()
            .num(1)
            .raw(nar)
            .num(0x4558494eL)
            .str(path)
            .num(0)
            .str("")
            .num(0)
            .toByteArray();
    return Stream.of(
        Arguments.of("no end marker", good, "marker of the next path"),
        Arguments.of("truncated trailer", Arrays.copyOf(good, good.length - 12), "stream ends"),
        Arguments.of(
            "bad trailer magic",
            new NarTokens().num(1).raw(nar).num(0x4558494fL).toByteArray(),
            "export magic"),
        Arguments.of(
            "path outside the store",
            new NarTokens().num(1).raw(nar).num(0x4558494eL).str("/etc/passwd").toByteArray(),
            "'/etc/passwd' is not a store path in /nix/store"),
        Arguments.of(
            "path of another store directory",
            new NarTokens()
                .num(1)
                .raw(nar)
                .num(0x4558494eL)
                .str(path.replace("/nix/store/", "/gnu/store/"))
                .toByteArray(),
            "a path of the store directory /gnu/store, not of /nix/store; import it into a store"
                + " with --store-dir /gnu/store"),
        Arguments.of(
            "path inside a store path",
            new NarTokens().num(1).raw(nar).num(0x4558494eL).str(path + "/bin").toByteArray(),
            "is not a store path"),
        Arguments.of(
            "malformed reference",
            new NarTokens()
                .num(1)
                .raw(nar)
                .num(0x4558494eL)
                .str(path)
                .num(1)
                .str("/nix/store/short-x")
                .toByteArray(),
            "reference '/nix/store/short-x'"),
        Arguments.of(
            "bad marker",
            new NarTokens().num(2).toByteArray(),
            "where 1 (another path) or 0 (the end) belongs"),
        Arguments.of(
            "corrupt nar",
            new NarTokens().num(1).str("nix-archive-0").toByteArray(),
            "nix-archive-1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corrupt")
  void rejectsCorruptStreamsAndLeavesNothing(String name, byte[] stream, String message)
      throws Exception {
    ExportReader reader = new ExportReader(new ByteArrayInputStream(stream), NIX);
    Path[] target = {tmp.resolve("t0")};

    assertThatThrownBy(
            () -> {
              for (int i = 1; reader.next(target[0]).isPresent(); i++) {
                target[0] = tmp.resolve("t" + i);
              }
            })
        .isInstanceOf(NarFormatException.class)
        .hasMessageContaining(message);
    assertThat(Files.exists(target[0], NOFOLLOW_LINKS)).as(target[0].toString()).isFalse();
  }

  private List<ExportedPath> readAll(InputStream in) throws Exception {
    ExportReader reader = new ExportReader(in, NIX);
    List<ExportedPath> read = new ArrayList<>();
    for (Optional<ExportedPath> e = reader.next(tmp.resolve("restored-0"));
        e.isPresent();
        e = reader.next(tmp.resolve("restored-" + read.size()))) {
      read.add(e.get());
    }
    assertThat(reader.next(tmp.resolve("unused"))).isEmpty();
    reader.awaitWrites();
    return read;
  }

  private static String addTextReferring(Path root, Path tree) throws Exception {
    String expression =
        String.format(
            "builtins.toFile \"r\" \"${builtins.path { path = %s; name = \"sample\"; }}\"", tree);
    return NixTool.text(
            "nix-instantiate",
            "--store",
            root.toString(),
            "--option",
            "build-users-group",
            "",
            "--read-write-mode",
            "--eval",
            "-E",
            expression)
        .replace("\"", "");
  }

  private static List<String> references(Path root, String path) throws Exception {
    String out = NixTool.text(NixTool.store(root, "-q", "--references", path));
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
