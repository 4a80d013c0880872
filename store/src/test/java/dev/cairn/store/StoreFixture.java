package dev.cairn.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds small stores for tests: text paths that refer to each other. */
final class StoreFixture {
  private StoreFixture() {}

  static LocalStore open(Path root) throws IOException {
    return LocalStore.open(StoreLayout.of(root, null));
  }

  /** Opens a store whose logical directory is /nix/store, so that stores can trade paths. */
  static LocalStore openNix(Path root) throws IOException {
    return LocalStore.open(StoreLayout.of(root, "/nix/store"));
  }

  /** Adds a text path mentioning each of {@code refs}. */
  static StorePath text(LocalStore store, String name, StorePath... refs) throws IOException {
    StringBuilder text = new StringBuilder(name).append('\n');
    for (StorePath r : refs) {
      text.append(store.print(r)).append('\n');
    }
    return store.addText(name, text.toString(), List.of(refs));
  }

  static Path tree(Path dir, String... namesAndContents) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < namesAndContents.length; i += 2) {
      Path f = dir.resolve(namesAndContents[i]);
      Files.createDirectories(f.getParent());
      Files.writeString(f, namesAndContents[i + 1], StandardCharsets.UTF_8);
    }
    return dir;
  }
}
