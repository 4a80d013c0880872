package dev.cairn.cli;

import dev.cairn.store.StoreException;
import java.util.Locale;

/** Byte counts as people write and read them. */
final class Sizes {
  private Sizes() {}

  /** Parses {@code 123}, {@code 10K}, {@code 5M}, {@code 2G} (powers of 1024). */
  static long parse(String text, String option) throws StoreException {
    String t = text.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    if (!t.isEmpty() && "KMG".indexOf(t.charAt(t.length() - 1)) >= 0) {
      unit = 1L << (10 * ("KMG".indexOf(t.charAt(t.length() - 1)) + 1));
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new StoreException(
          option + " '" + text + "' is not a byte count; write e.g. 1048576, 512K, 100M or 2G");
    }
  }

  /** Formats a byte count with one decimal in the largest fitting unit. */
  static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
