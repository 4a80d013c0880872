package dev.cairn.activation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the {@code process} module runs a component's program: {@code etc/cairn/process.json}, or the
 * defaults for the single executable in {@code bin/}. See {@link ProcessModule}.
 */
record ProcessDescriptor(
    String program,
    List<String> args,
    Optional<String> pidFile,
    boolean daemon,
    Map<String, String> environment,
    Duration stopTimeout,
    Duration startGrace,
    Duration pidFileTimeout) {
  static final String FILE = "etc/cairn/process.json";
  private static final Set<String> FIELDS =
      Set.of(
          "program",
          "args",
          "pidFile",
          "daemon",
          "environment",
          "stopTimeoutSeconds",
          "startSeconds",
          "pidFileTimeoutSeconds");
  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  ProcessDescriptor {
    args = List.copyOf(args);
    environment = Map.copyOf(environment);
  }

  /** The component's descriptor, or the foreground defaults for its single {@code bin/} program. */
  static ProcessDescriptor of(Path component) throws ActivationException {
    Path file = component.resolve(FILE);
    return Files.isRegularFile(file) ? read(file) : defaults(component);
  }

  private static ProcessDescriptor defaults(Path component) throws ActivationException {
    List<Path> programs = new ArrayList<>();
    try (DirectoryStream<Path> bin = Files.newDirectoryStream(component.resolve("bin"))) {
      bin.forEach(
          p -> {
            if (Files.isExecutable(p) && !Files.isDirectory(p)) programs.add(p);
          });
    } catch (IOException e) {
      // no bin/: reported below
    }
    if (programs.size() != 1) {
      throw new ActivationException(
          "Component '"
              + component
              + "' has "
              + programs.size()
              + " executables in bin/ and no "
              + FILE
              + "; add the descriptor naming the program to run");
    }
    return new ProcessDescriptor(
        programs.get(0).toString(),
        List.of(),
        Optional.empty(),
        false,
        Map.of(),
        Duration.ofSeconds(10),
        Duration.ofMillis(300),
        Duration.ofSeconds(10));
  }

  private static ProcessDescriptor read(Path file) throws ActivationException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw bad(file, "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw bad(file, "cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw bad(file, "must hold a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw bad(file, "has unknown field '" + f + "'; known fields: " + FIELDS);
      }
    }
    JsonNode program = root.path("program");
    if (!program.isTextual() || program.asText().isBlank()) {
      throw bad(file, "needs \"program\": the executable, e.g. \"bin/server\"");
    }
    return new ProcessDescriptor(
        file.getParent().getParent().getParent().resolve(program.asText()).toString(),
        strings(file, root, "args"),
        Optional.ofNullable(root.get("pidFile")).map(JsonNode::asText),
        root.path("daemon").asBoolean(false),
        stringMap(file, root.path("environment")),
        seconds(file, root, "stopTimeoutSeconds", 10),
        seconds(file, root, "startSeconds", 0.3),
        seconds(file, root, "pidFileTimeoutSeconds", 10));
  }

  private static List<String> strings(Path file, JsonNode root, String field)
      throws ActivationException {
    JsonNode n = root.path(field);
    List<String> out = new ArrayList<>();
    if (n.isMissingNode()) {
      return out;
    }
    if (!n.isArray()) {
      throw bad(file, "field '" + field + "' must be an array of strings");
    }
    for (JsonNode e : n) {
      if (!e.isValueNode()) {
        throw bad(file, "field '" + field + "' must hold strings, not " + e);
      }
      out.add(e.asText());
    }
    return out;
  }

  private static Map<String, String> stringMap(Path file, JsonNode n) throws ActivationException {
    Map<String, String> out = new LinkedHashMap<>();
    if (n.isMissingNode()) {
      return out;
    }
    if (!n.isObject()) {
      throw bad(file, "field 'environment' must be an object of strings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      try {
        Container.checkProperty(e.getKey(), e.getValue().asText());
      } catch (IllegalArgumentException x) {
        throw bad(file, x.getMessage());
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static Duration seconds(Path file, JsonNode root, String field, double dflt)
      throws ActivationException {
    JsonNode n = root.path(field);
    double s = n.isMissingNode() ? dflt : n.asDouble(-1);
    if (!n.isMissingNode() && (!n.isNumber() || s < 0)) {
      throw bad(file, "field '" + field + "' must be a non-negative number of seconds");
    }
    return Duration.ofMillis(Math.round(s * 1000));
  }

  private static ActivationException bad(Path file, String what) {
    return new ActivationException("Process descriptor '" + file + "' " + what);
  }

  /**
   * Replaces {@code ${NAME}} with {@code vars.get(NAME)}.
   *
   * @throws ActivationException naming an unknown variable
   */
  static String expand(String text, Map<String, String> vars) throws ActivationException {
    Matcher m = VAR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = vars.get(m.group(1));
      if (v == null) {
        throw new ActivationException(
            "'"
                + text
                + "' in the process descriptor refers to ${"
                + m.group(1)
                + "}, which is neither a container property, a service attribute nor a CAIRN_"
                + " variable");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
