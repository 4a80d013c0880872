package dev.cairn.store.nar;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Converts between the raw bytes NAR stores for names and symlink targets and Java's strings.
 *
 * <p>Linux names are bytes; Java decodes them with {@code sun.jnu.encoding} (from the locale). A
 * name that does not decode cleanly would change its bytes, and so the NAR hash, so it is refused
 * rather than archived wrongly.
 */
final class FileNames {
  static final Charset CHARSET = platformCharset();

  private FileNames() {}

  /** The bytes of a name as returned by a directory listing. */
  static byte[] nameBytes(Path entry) throws NarFormatException {
    return exactBytes(entry.getFileName(), entry, "name");
  }

  /** The bytes of a symlink target as returned by {@code readSymbolicLink}. */
  static byte[] targetBytes(Path link, Path target) throws NarFormatException {
    return exactBytes(target, link, "symlink target");
  }

  /**
   * Decodes a name or target from an archive.
   *
   * @throws CharacterCodingException if Java cannot represent the bytes in the platform charset
   */
  static String decode(byte[] bytes) throws CharacterCodingException {
    return CHARSET
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  private static byte[] exactBytes(Path raw, Path where, String what) throws NarFormatException {
    String text = raw.toString();
    // Undecodable bytes show up as U+FFFD; Java paths compare by their raw bytes.
    if (text.indexOf('\uFFFD') >= 0 && !raw.equals(raw.getFileSystem().getPath(text))) {
      throw new NarFormatException(
          "the "
              + what
              + " of '"
              + where
              + "' is not valid "
              + CHARSET
              + "; rename it, or run Cairn with a UTF-8 locale (LANG=C.UTF-8)");
    }
    return text.getBytes(CHARSET);
  }

  private static Charset platformCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
