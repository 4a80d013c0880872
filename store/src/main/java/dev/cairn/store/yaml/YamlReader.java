package dev.cairn.store.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.cairn.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML or JSON document into a {@link YamlNode} tree that keeps every node's and every
 * key's {@code file:line:column}.
 *
 * <p>Built on Jackson's streaming parsers so that locations come from the parser's own token
 * positions. Beyond what the parsers check, the reader rejects duplicate keys, YAML anchors and
 * aliases ({@code &name}, {@code *name}, {@code <<:} merges: files are meant to be read top to
 * bottom, so a value is written where it is used) and more than one document per file.
 */
public final class YamlReader {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private YamlReader() {}

  /**
   * Reads a file as UTF-8. It is JSON if its name ends in {@code .json} or its first non-blank
   * character is <code>{</code> or {@code [}; YAML otherwise.
   *
   * @throws YamlException with {@code file:line:column} if the text is malformed
   * @throws StoreException if the file cannot be read, naming it
   */
  public static YamlNode read(Path file) throws StoreException {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new StoreException("'" + file + "' does not exist; check the path", e);
    } catch (CharacterCodingException e) {
      throw new StoreException("'" + file + "' is not UTF-8 text; save it as UTF-8", e);
    } catch (IOException e) {
      throw new StoreException("cannot read '" + file + "': " + e.getMessage(), e);
    }
    return read(text.startsWith("\uFEFF") ? text.substring(1) : text, file);
  }

  /**
   * Reads {@code text}; {@code fileForMessages} names it in locations and decides between JSON and
   * YAML as {@link #read(Path)} does.
   *
   * @throws YamlException with {@code file:line:column} if the text is malformed, empty or holds
   *     more than one document, a duplicate key, an anchor or an alias
   */
  public static YamlNode read(String text, Path fileForMessages) throws YamlException {
    boolean json = isJson(text, fileForMessages);
    try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
      Builder builder = new Builder(parser, text, fileForMessages);
      if (parser.nextToken() == null) {
        throw new YamlException(
            new SourceLocation(fileForMessages, 1, 1),
            "the file holds no document; expected " + (json ? "a JSON value" : "YAML"));
      }
      YamlNode root = builder.node();
      if (parser.nextToken() != null) {
        throw new YamlException(
            builder.location(), "a second document starts here; put only one document in a file");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw syntaxError(e, fileForMessages);
    } catch (YamlException e) {
      throw e;
    } catch (IOException e) {
      throw new YamlException(
          new SourceLocation(fileForMessages, 1, 1), "cannot parse: " + e.getMessage(), e);
    }
  }

  private static boolean isJson(String text, Path file) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return true;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return false;
    }
    String trimmed = text.strip();
    return trimmed.startsWith("{") || trimmed.startsWith("[");
  }

  /** Turns a parser's error into one line with the location of the problem. */
  private static YamlException syntaxError(JsonProcessingException e, Path file) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark();
      String problem = yaml.getProblem();
      if (yaml.getContext() != null) {
        problem = problem + " (" + yaml.getContext() + ")";
      }
      return new YamlException(
          new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1),
          "invalid YAML: " + oneLine(problem),
          e);
    }
    JsonLocation where = e.getLocation();
    SourceLocation location =
        where == null
            ? new SourceLocation(file, 1, 1)
            : new SourceLocation(
                file, Math.max(1, where.getLineNr()), Math.max(1, where.getColumnNr()));
    return new YamlException(location, "invalid syntax: " + oneLine(e.getOriginalMessage()), e);
  }

  private static String oneLine(String message) {
    return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** Turns the token stream into nodes; the parser is positioned on a node's first token. */
  private static final class Builder {
    private final JsonParser parser;
    private final String text;
    private final Path file;
    private int[] lineStarts;

    Builder(JsonParser parser, String text, Path file) {
      this.parser = parser;
      this.text = text;
      this.file = file;
    }

    SourceLocation location() {
      JsonLocation where = parser.currentTokenLocation();
      return new SourceLocation(
          file, Math.max(1, where.getLineNr()), Math.max(1, where.getColumnNr()));
    }

    YamlNode node() throws IOException {
      rejectAnchorsAndAliases();
      SourceLocation location = location();
      JsonToken token = parser.currentToken();
      return switch (token) {
        case START_OBJECT -> map(location);
        case START_ARRAY -> list(location);
        case VALUE_STRING -> string(location);
        case VALUE_NUMBER_INT -> scalar(location, YamlScalar.Kind.INTEGER);
        case VALUE_NUMBER_FLOAT -> scalar(location, YamlScalar.Kind.FLOAT);
        case VALUE_TRUE, VALUE_FALSE -> scalar(location, YamlScalar.Kind.BOOLEAN);
        case VALUE_NULL -> new YamlScalar(location, "", YamlScalar.Kind.NULL, false);
        default -> throw new YamlException(location, "unsupported value (" + token + ")");
      };
    }

    private YamlScalar string(SourceLocation location) throws IOException {
      String value = parser.getText();
      boolean quoted = isQuoted(location);
      // An empty plain value ("key:") is YAML's null, whatever the factory's settings.
      YamlScalar.Kind kind =
          value.isEmpty() && !quoted ? YamlScalar.Kind.NULL : YamlScalar.Kind.STRING;
      return new YamlScalar(location, value, kind, quoted);
    }

    private YamlScalar scalar(SourceLocation location, YamlScalar.Kind kind) throws IOException {
      return new YamlScalar(location, parser.getText(), kind, false);
    }

    private YamlMap map(SourceLocation location) throws IOException {
      Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        rejectAnchorsAndAliases();
        String key = parser.currentName();
        SourceLocation keyLocation = location();
        YamlMap.Entry earlier = entries.get(key);
        if (earlier != null) {
          throw new YamlException(
              keyLocation,
              "duplicate key '" + key + "' (first at " + earlier.keyLocation() + "); keep one");
        }
        parser.nextToken();
        entries.put(key, new YamlMap.Entry(key, keyLocation, node()));
      }
      return new YamlMap(location, entries);
    }

    private YamlList list(SourceLocation location) throws IOException {
      List<YamlNode> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(node());
      }
      return new YamlList(location, items);
    }

    private void rejectAnchorsAndAliases() throws IOException {
      if (parser instanceof YAMLParser yaml) {
        if (yaml.isCurrentAlias()) {
          throw new YamlException(
              location(),
              "YAML aliases (*"
                  + yaml.getText()
                  + ") are not supported; write the value out where it is used");
        }
        // Jackson reports anchors on maps and lists only; look for '&' before scalars too.
        Object anchor = yaml.getObjectId();
        int start = offsetOf(location());
        if (anchor == null && start < text.length() && text.charAt(start) == '&') {
          anchor = text.substring(start + 1).split("[\\s,\\]}]", 2)[0];
        }
        if (anchor != null) {
          throw new YamlException(
              location(),
              "YAML anchors (&"
                  + anchor
                  + ") are not supported; write the value out where it is used");
        }
      }
    }

    /**
     * Whether the scalar at {@code location} is quoted or a block scalar. Jackson reports plain and
     * quoted strings alike, so look at the source text: the first character after any tag.
     */
    private boolean isQuoted(SourceLocation location) {
      if (!(parser instanceof YAMLParser)) {
        return true;
      }
      int index = offsetOf(location);
      while (index < text.length() && text.charAt(index) == '!') {
        while (index < text.length() && !Character.isWhitespace(text.charAt(index))) {
          index++;
        }
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
          index++;
        }
      }
      return index < text.length() && "\"'|>".indexOf(text.charAt(index)) >= 0;
    }

    /** The char index of a 1-based line and (code point) column in the text. */
    private int offsetOf(SourceLocation location) {
      int[] starts = lineStarts();
      int line = Math.max(location.line(), 1);
      int index = line <= starts.length ? starts[line - 1] : text.length();
      int lineEnd = text.indexOf('\n', index);
      int available = text.codePointCount(index, lineEnd < 0 ? text.length() : lineEnd);
      return text.offsetByCodePoints(index, Math.min(location.column() - 1, available));
    }

    /**
     * The char index where each line starts, found once: rescanning the text from the top for every
     * node made reading a file quadratic in its size.
     */
    private int[] lineStarts() {
      if (lineStarts == null) {
        int lines = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
          lines++;
        }
        lineStarts = new int[lines];
        int line = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
          lineStarts[line++] = i + 1;
        }
      }
      return lineStarts;
    }
  }
}
