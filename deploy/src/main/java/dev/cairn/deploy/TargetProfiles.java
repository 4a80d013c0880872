package dev.cairn.deploy;

import dev.cairn.store.LocalStore;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import dev.cairn.store.nar.Canonicalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a target's profile: a store path holding a link to every service package deployed there
 * ({@code services/NAME}), the packages' programs merged into {@code bin/} (as a Nix profile does,
 * so {@code <profile>/bin/hello-world-client} runs the client), and {@code manifest.json} listing
 * the target's mappings. Its references keep the packages alive for as long as a generation points
 * at it.
 */
final class TargetProfiles {
  private TargetProfiles() {}

  static StorePath make(LocalStore store, Manifest manifest, String target, List<String> extra)
      throws IOException {
    Path scratch = store.newScratchDir("profile");
    try {
      Path root = Files.createDirectories(scratch.resolve("profile"));
      Path services = Files.createDirectories(root.resolve("services"));
      Path bin = Files.createDirectories(root.resolve("bin"));
      List<StorePath> refs = new ArrayList<>();
      List<Map<String, Object>> listing = new ArrayList<>();
      for (MappingEntry m : manifest.mappingsOn(target)) {
        ServiceEntry s = manifest.services().get(m.service());
        Path pkg = store.layout().physical(store.parsePath(s.pkg()));
        refs.add(store.parsePath(s.pkg()));
        linkOnce(services.resolve(s.name()), Path.of(s.pkg()));
        if (s.type().equals("package")) {
          linkPrograms(pkg, Path.of(s.pkg()), bin, s.name());
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("service", s.name());
        e.put("hash", s.hash());
        e.put("type", s.type());
        e.put("container", m.container());
        e.put("pkg", s.pkg());
        listing.add(e);
      }
      for (String p : extra) {
        StorePath sp = store.parsePath(p);
        refs.add(sp);
        linkPrograms(store.layout().physical(sp), Path.of(p), bin, sp.name());
      }
      Files.writeString(
          root.resolve("manifest.json"),
          new com.fasterxml.jackson.databind.ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(listing),
          StandardCharsets.UTF_8);
      return store.addTree(root, "cairn-profile-" + target, refs);
    } finally {
      Canonicalizer.deleteTree(scratch);
    }
  }

  private static void linkOnce(Path link, Path target) throws IOException {
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(link, target);
    }
  }

  /** Links each program of {@code pkg/bin}; two packages with one program name is an error. */
  private static void linkPrograms(Path physical, Path logical, Path bin, String owner)
      throws IOException {
    Path pkgBin = physical.resolve("bin");
    if (!Files.isDirectory(pkgBin)) {
      return;
    }
    try (DirectoryStream<Path> programs = Files.newDirectoryStream(pkgBin)) {
      for (Path p : programs) {
        Path link = bin.resolve(p.getFileName().toString());
        Path target = logical.resolve("bin").resolve(p.getFileName().toString());
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          if (!Files.readSymbolicLink(link).equals(target)) {
            throw new StoreException(
                "two packages on one target provide bin/"
                    + p.getFileName()
                    + " (one of them is '"
                    + owner
                    + "'); rename one of the programs");
          }
          continue;
        }
        Files.createSymbolicLink(link, target);
      }
    }
  }
}
