package dev.cairn.store;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The logical store directory (such as {@code /nix/store}) that store path hashes are computed
 * against, and Nix's algorithms for making store paths in it.
 *
 * @param path an absolute directory without a trailing slash
 */
public record StoreDir(String path) {
  /** Checks the directory. */
  public StoreDir {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
      throw new IllegalArgumentException(
          "store directory '" + path + "' must be absolute, without a trailing '/'");
    }
  }

  /** Returns the absolute form {@code <dir>/<hash>-<name>}. */
  public String print(StorePath storePath) {
    return path + "/" + storePath.baseName();
  }

  /**
   * Parses an absolute store path, or a path inside one (whose first component below the store
   * directory is taken).
   *
   * @throws IllegalArgumentException if {@code absolute} is not in this store directory
   */
  public StorePath parse(String absolute) {
    String prefix = path + "/";
    if (!absolute.startsWith(prefix)) {
      throw new IllegalArgumentException(
          "'" + absolute + "' is not in the store directory " + path);
    }
    String rest = absolute.substring(prefix.length());
    int slash = rest.indexOf('/');
    return StorePath.parseBaseName(slash < 0 ? rest : rest.substring(0, slash));
  }

  /** Returns whether {@code absolute} names a path in this store directory. */
  public boolean isStorePath(String absolute) {
    try {
      parse(absolute);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Nix's {@code makeStorePath}: hashes {@code <type>:sha256:<base16 hash>:<dir>:<name>} and folds
   * the digest into the 160-bit hash part.
   */
  public StorePath makeStorePath(String type, Hash hash, String name) {
    String fingerprint = type + ":sha256:" + hash.toBase16() + ":" + path + ":" + name;
    Hash digest = Hash.sha256(fingerprint.getBytes(StandardCharsets.UTF_8));
    return new StorePath(NixBase32.encode(digest.compress(20)), name);
  }

  /**
   * The path of content added recursively with SHA-256 ({@code nix-store --add}, "source" paths):
   * the type lists the references, and {@code self} when the content refers to itself.
   */
  public StorePath makeSourcePath(
      Hash narHash, String name, Collection<StorePath> references, boolean selfReference) {
    return makeStorePath(typeWithReferences("source", references, selfReference), narHash, name);
  }

  /** The path of a text file with references (Nix's {@code makeTextPath}). */
  public StorePath makeTextPath(Hash contentHash, String name, Collection<StorePath> references) {
    return makeStorePath(typeWithReferences("text", references, false), contentHash, name);
  }

  private String typeWithReferences(
      String type, Collection<StorePath> references, boolean selfReference) {
    String refs =
        references.stream()
            .map(this::print)
            .sorted()
            .map(r -> ":" + r)
            .collect(Collectors.joining());
    return type + refs + (selfReference ? ":self" : "");
  }
}
