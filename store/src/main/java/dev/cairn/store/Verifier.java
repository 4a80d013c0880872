package dev.cairn.store;

import dev.cairn.store.nar.NarSummary;
import dev.cairn.store.nar.NarWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checks that the database and the files agree. */
final class Verifier {
  private final LocalStore store;
  private final StoreDb db;

  Verifier(LocalStore store, StoreDb db) {
    this.store = store;
    this.db = db;
  }

  VerifyReport run(boolean checkContents) throws IOException {
    List<String> problems = new ArrayList<>();
    Map<StorePath, List<StorePath>> graph = new TreeMap<>(db.graph());
    for (Map.Entry<StorePath, List<StorePath>> e : graph.entrySet()) {
      StorePath p = e.getKey();
      Path file = store.layout().physical(p);
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(store.print(p) + ": valid in the database but missing at " + file);
        continue;
      }
      if (checkContents) {
        checkContents(p, file, problems);
      }
    }
    return new VerifyReport(graph.size(), problems);
  }

  private void checkContents(StorePath p, Path file, List<String> problems) throws IOException {
    PathInfo info = store.requirePathInfo(p);
    NarSummary actual = NarWriter.hash(file);
    if (!actual.narHash().equals(info.narHash())) {
      problems.add(
          store.print(p)
              + ": contents changed: NAR hash is "
              + actual.narHash()
              + ", registered "
              + info.narHash());
    } else if (actual.narSize() != info.narSize()) {
      problems.add(
          store.print(p) + ": NAR size is " + actual.narSize() + ", registered " + info.narSize());
    }
  }
}
