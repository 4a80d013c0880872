package dev.cairn.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A distribution of the code under test, as {@code cairn bootstrap} installs one: the repository's
 * launcher beside a cairn.jar whose manifest names the test class path (the machine is the same)
 * and a lib/ directory holding only a README.
 */
final class TestDistribution {
  private TestDistribution() {}

  /** Makes the distribution in {@code dir}, which must not hold one yet; returns {@code dir}. */
  static Path in(Path dir) throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.writeString(lib.resolve("README"), "libraries\n");
    List<String> classPath = new ArrayList<>();
    for (Path p : testClassPath()) {
      classPath.add(p.toUri().toString());
    }
    writeJar(dir.resolve("cairn.jar"), classPath, null);
    return withLauncher(dir);
  }

  /**
   * As {@link #in}, but with the classes in jars under lib/, as Maven's package lays them out: the
   * class-data archive holds classes only from jars named by relative paths, never from
   * directories. A directory of the class path (the module's own classes) becomes a jar; test
   * classes are left out.
   */
  static Path packed(Path dir) throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    List<String> classPath = new ArrayList<>();
    for (Path p : testClassPath()) {
      String name = "lib/" + classPath.size() + "-" + p.getFileName();
      if (!Files.exists(p)) {
        continue; // the JVM skips it too
      } else if (!Files.isDirectory(p)) {
        Files.copy(p, dir.resolve(name));
        classPath.add(name);
      } else if (!p.getFileName().toString().equals("test-classes")) {
        writeJar(dir.resolve(name + ".jar"), List.of(), p);
        classPath.add(name + ".jar");
      }
    }
    writeJar(dir.resolve("cairn.jar"), classPath, null);
    return withLauncher(dir);
  }

  private static List<Path> testClassPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .toList();
  }

  /** Writes a jar whose manifest names {@code classPath}, holding the files under {@code from}. */
  private static void writeJar(Path jar, List<String> classPath, Path from) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.cairn.cli.Main");
    if (!classPath.isEmpty()) {
      m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    }
    pomManifestEntries().forEach((k, v) -> m.getMainAttributes().putValue(k, v));
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, m)) {
      if (from == null) {
        return;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(from)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        j.putNextEntry(
            new JarEntry(from.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, j);
        j.closeEntry();
      }
    }
  }

  /**
   * The entries that cli/pom.xml has Maven add to the real jar's manifest ({@code
   * <manifestEntries>}), so that what the tests launch is allowed what the real jar is.
   */
  private static Map<String, String> pomManifestEntries() throws IOException {
    Path file = Path.of("pom.xml"); // surefire runs in the module's directory
    String pom = Files.readString(file).replaceAll("(?s)<!--.*?-->", "");
    Matcher block = Pattern.compile("(?s)<manifestEntries>(.*?)</manifestEntries>").matcher(pom);
    if (!block.find() || !pom.contains("<artifactId>cairn-cli</artifactId>")) {
      throw new IllegalStateException(
          file.toAbsolutePath() + " is not cli's POM with its <manifestEntries>");
    }
    Map<String, String> entries = new LinkedHashMap<>();
    Matcher e = Pattern.compile("<([A-Za-z][A-Za-z0-9-]*)>([^<]*)</\\1>").matcher(block.group(1));
    while (e.find()) {
      entries.put(e.group(1), e.group(2).trim());
    }
    return entries;
  }

  private static Path withLauncher(Path dir) throws IOException {
    Files.copy(launcher(), dir.resolve("cairn"), StandardCopyOption.REPLACE_EXISTING);
    return dir;
  }

  /** The launcher script at the root of the repository. */
  static Path launcher() {
    return Path.of(System.getProperty("user.dir")).getParent().resolve("cairn");
  }
}
