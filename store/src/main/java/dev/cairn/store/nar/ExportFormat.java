package dev.cairn.store.nar;

/** Constants of the {@code nix-store --export} stream (Nix's export-import.cc). */
final class ExportFormat {
  /** Precedes each path. */
  static final long NEXT_PATH = 1;

  /** Follows the last path. */
  static final long END = 0;

  /** Opens the trailer after each NAR: "NIXE" read little-endian. */
  static final long TRAILER_MAGIC = 0x4558494eL;

  /** Longest store path or deriver string accepted. */
  static final int MAX_PATH = 4096;

  /** Most references accepted for one path. */
  static final long MAX_REFERENCES = 1 << 20;

  /** Longest legacy signature accepted. */
  static final int MAX_SIGNATURE = 65536;

  private ExportFormat() {}
}
