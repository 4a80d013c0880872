package dev.cairn.process;

import dev.cairn.process.webapp.Webapp;
import dev.cairn.store.StoreException;
import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in constructors: the generic {@code process}, {@code webapp} (written in YAML, in
 * {@code catalog.yaml}) and the nginx reverse proxies (written in Java).
 */
final class Catalog {
  static final SourceLocation BUILTIN = new SourceLocation(Path.of("<builtin>"), 1, 1);

  private Catalog() {}

  /** The built-ins by name. */
  static Map<String, Constructor> builtins() throws StoreException {
    Map<String, Constructor> all = new LinkedHashMap<>();
    all.put("process", new Generic());
    all.putAll(fromYaml());
    for (Constructor c : List.of(new NginxReverseProxy(true), new NginxReverseProxy(false))) {
      all.put(c.name(), c);
    }
    return all;
  }

  /**
   * Stands for the class path of the webapp in a process's command line until the deployer has put
   * the webapp's classes in the store ({@link #writeWebappClasses}) and names that store path
   * instead. A process runs what the store holds, which every user may read: not Cairn's own jar or
   * class directory, which may lie where the webapps' users cannot enter (a checkout or a Maven
   * repository under /root), and which changes with every build of Cairn.
   */
  static final String WEBAPP_CLASSES = "@cairn-webapp-classes@";

  /** The variables built-ins use: the running Java and the class path holding the webapp. */
  static Map<String, String> variables() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("cairn.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    vars.put("cairn.classPath", WEBAPP_CLASSES);
    return vars;
  }

  /** Writes the webapp's class files under {@code dir}, a class path directory. */
  static void writeWebappClasses(Path dir) throws IOException {
    String file = Webapp.class.getName().replace('.', '/') + ".class";
    try (InputStream in = Webapp.class.getResourceAsStream("/" + file)) {
      if (in == null) {
        throw new IOException("the class file of " + Webapp.class.getName() + " is not found");
      }
      Path target = dir.resolve(file);
      Files.createDirectories(target.getParent());
      Files.copy(in, target);
    }
  }

  private static Map<String, Constructor> fromYaml() throws StoreException {
    String text;
    try (InputStream in = Catalog.class.getResourceAsStream("catalog.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    YamlMapReader r =
        YamlMapReader.of(YamlReader.read(text, Path.of("<builtin>/catalog.yaml")), "catalog");
    Map<String, Constructor> out = new LinkedHashMap<>();
    for (YamlMap.Entry e : r.requiredMap("constructors", "constructors").map().entries().values()) {
      out.put(e.key(), TemplateConstructor.parse(e.key(), e.value()));
    }
    return out;
  }

  /** The generic constructor: an instance's {@code params} are the description itself. */
  static final class Generic implements Constructor {
    @Override
    public String name() {
      return "process";
    }

    @Override
    public List<ParamSpec> params() {
      return null;
    }

    @Override
    public YamlMap describe(Instantiation instance) throws YamlException {
      return instance.rawParams();
    }
  }
}
