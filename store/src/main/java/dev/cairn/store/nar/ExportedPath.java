package dev.cairn.store.nar;

import dev.cairn.store.StorePath;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One path read from a {@code nix-store --export} stream: its name, the metadata of its trailer,
 * and the hash and size of its NAR as read.
 *
 * @param path the store path
 * @param references the store paths it refers to (possibly itself)
 * @param deriver the derivation that built it, if the exporter knew one
 * @param nar SHA-256 and size of the NAR bytes in the stream
 */
public record ExportedPath(
    StorePath path, SortedSet<StorePath> references, Optional<StorePath> deriver, NarSummary nar) {
  /** Checks the fields and copies the references. */
  public ExportedPath {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(deriver, "deriver");
    Objects.requireNonNull(nar, "nar");
    references = Collections.unmodifiableSortedSet(new TreeSet<>(references));
  }
}
