package dev.cairn.store.nar;

import dev.cairn.store.StoreDir;
import dev.cairn.store.StorePath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Writes the stream of {@code nix-store --export} (Nix 2.8), which {@code nix-store --import} and
 * {@link ExportReader} read. For each path: the number 1, the NAR, the trailer magic, the absolute
 * path, the references, the deriver ("" if none) and 0 (no legacy signature); after the last path,
 * 0. Numbers are 64-bit little-endian; strings are a length, the bytes and zero padding to 8.
 *
 * <p>Importers expect references before the paths that refer to them; the caller chooses the order.
 */
public final class ExportWriter {
  private final OutputStream out;
  private final NarSerializer nar;
  private final StoreDir dir;

  /** Writes to {@code out}, printing paths in {@code dir}. */
  public ExportWriter(OutputStream out, StoreDir dir) {
    this.out = Objects.requireNonNull(out, "out");
    this.nar =
        new NarSerializer(NarSerializer.Sink.of(this.out)); // one 256 KiB buffer for all paths
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /**
   * Writes one path whose contents are at {@code physical}.
   *
   * @throws IOException if reading {@code physical} or writing the stream fails, or for the reasons
   *     of {@link NarWriter#dump}
   */
  public void write(
      StorePath path, Path physical, Collection<StorePath> references, Optional<StorePath> deriver)
      throws IOException {
    out.write(number(ExportFormat.NEXT_PATH));
    nar.serialize(physical, null);
    out.write(trailer(path, references, deriver));
  }

  /** Writes the end marker and flushes {@code out}, without closing it. */
  public void finish() throws IOException {
    out.write(number(ExportFormat.END));
    out.flush();
  }

  private byte[] trailer(
      StorePath path, Collection<StorePath> references, Optional<StorePath> deriver) {
    ByteArrayOutputStream trailer = new ByteArrayOutputStream();
    trailer.writeBytes(number(ExportFormat.TRAILER_MAGIC));
    trailer.writeBytes(string(dir.print(path)));
    TreeSet<StorePath> sorted = new TreeSet<>(references);
    trailer.writeBytes(number(sorted.size()));
    for (StorePath reference : sorted) {
      trailer.writeBytes(string(dir.print(reference)));
    }
    trailer.writeBytes(string(deriver.map(dir::print).orElse("")));
    trailer.writeBytes(number(0)); // no legacy signature
    return trailer.toByteArray();
  }

  private static byte[] number(long value) {
    byte[] bytes = new byte[8];
    Nar.putLong(bytes, 0, value);
    return bytes;
  }

  private static byte[] string(String text) {
    return Nar.string(text.getBytes(StandardCharsets.UTF_8));
  }
}
