package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.store.LocalStore;
import dev.cairn.store.StoreLayout;
import dev.cairn.store.StorePath;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import holds many paths at once, within the open-file limit of an ordinary shell. */
class ImportManyPathsIT {
  private static final int PATHS = 1500;

  @TempDir Path tmp;

  @Test
  void importsMorePathsThanTheOpenFileLimitAllows() throws Exception {
    Path stream = tmp.resolve("many.export");
    List<String> expected = new ArrayList<>();
    try (LocalStore from = LocalStore.open(StoreLayout.of(tmp.resolve("from"), "/nix/store"));
        OutputStream out = Files.newOutputStream(stream)) {
      List<StorePath> paths = new ArrayList<>();
      for (int i = 0; i < PATHS; i++) {
        // Every tenth path refers to the one before, so references are checked too.
        List<StorePath> refs = i % 10 == 9 ? List.of(paths.get(i - 1)) : List.of();
        String text = "path " + i + refs.stream().map(from::print).toList();
        paths.add(from.addText("p" + i, text, refs));
        expected.add(from.print(paths.get(i)));
      }
      from.export(paths, out);
    }

    Cairn to = Cairn.nixCompatible(tmp.resolve("to")).withOpenFileLimit(1024);
    assertThat(to.run(stream, "store", "import").ok().lines())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(to.run(stream, "store", "import").ok().lines()).hasSize(PATHS); // all valid now
    to.assertClean();
  }
}
