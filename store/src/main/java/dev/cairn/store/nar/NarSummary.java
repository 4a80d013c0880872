package dev.cairn.store.nar;

import dev.cairn.store.Hash;
import java.util.Objects;

/**
 * The SHA-256 hash and the length in bytes of a NAR serialisation, as Nix records them for every
 * valid path ({@code nix-store -q --hash} and {@code --size}).
 *
 * @param narHash SHA-256 of the NAR bytes
 * @param narSize number of NAR bytes
 */
public record NarSummary(Hash narHash, long narSize) {
  /** Checks both fields. */
  public NarSummary {
    Objects.requireNonNull(narHash, "narHash");
    if (narSize < 0) {
      throw new IllegalArgumentException("a NAR cannot have a negative size: " + narSize);
    }
  }
}
