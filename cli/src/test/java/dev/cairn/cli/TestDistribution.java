package dev.cairn.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
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
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.cairn.cli.Main");
    String classPath =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(p -> Path.of(p).toUri().toString())
            .collect(Collectors.joining(" "));
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    try (OutputStream out = Files.newOutputStream(dir.resolve("cairn.jar"));
        JarOutputStream jar = new JarOutputStream(out, m)) {
      jar.flush();
    }
    Files.copy(launcher(), dir.resolve("cairn"), StandardCopyOption.REPLACE_EXISTING);
    return dir;
  }

  /** The launcher script at the root of the repository. */
  static Path launcher() {
    return Path.of(System.getProperty("user.dir")).getParent().resolve("cairn");
  }
}
