package dev.cairn.store.build;

import dev.cairn.store.LocalStore;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import dev.cairn.store.nar.Canonicalizer;
import dev.cairn.store.recipe.Source;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Adds a recipe's source to the store, leaving out excluded files. */
final class Sources {
  private Sources() {}

  static StorePath add(LocalStore store, Source src, String name) throws IOException {
    if (!Files.exists(src.path(), LinkOption.NOFOLLOW_LINKS)) {
      throw new StoreException(
          src.location() + ": source " + src.path() + " does not exist (any more)");
    }
    if (src.exclude().isEmpty() || !Files.isDirectory(src.path(), LinkOption.NOFOLLOW_LINKS)) {
      return store.addPath(src.path(), name);
    }
    Path scratch = store.newScratchDir("src");
    try {
      Path copy = scratch.resolve("src");
      copyFiltered(src, copy);
      return store.addPath(copy, name);
    } finally {
      Canonicalizer.deleteTree(scratch);
    }
  }

  /** Copies the source tree without what its patterns exclude; symlinks stay symlinks. */
  private static void copyFiltered(Source src, Path target) throws IOException {
    Path root = src.path();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            String rel = relative(root, dir);
            if (!rel.isEmpty() && src.isExcluded(rel, true)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectory(target.resolve(rel));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String rel = relative(root, file);
            if (!src.isExcluded(rel, false)) {
              Files.copy(
                  file,
                  target.resolve(rel),
                  LinkOption.NOFOLLOW_LINKS,
                  StandardCopyOption.COPY_ATTRIBUTES);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }
}
