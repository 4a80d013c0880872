package dev.cairn.cli;

import dev.cairn.store.nar.ChannelOutput;
import dev.cairn.store.nar.NarRestorer;
import dev.cairn.store.nar.NarSummary;
import dev.cairn.store.nar.NarWriter;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** NAR commands that need no store: dump, restore, hash. */
final class NarCommands {
  private NarCommands() {}

  /** {@code cairn store dump}. */
  @Command(
      name = "dump",
      mixinStandardHelpOptions = true,
      description = "Write the NAR serialisation of PATH to standard output (as nix-store --dump).")
  static final class Dump implements Callable<Integer> {
    @Parameters(paramLabel = "PATH")
    Path path;

    Dump() {} // picocli's

    /** The command for {@code path}, for Main to run without picocli. */
    Dump(Path path) {
      this.path = path;
    }

    @Override
    public Integer call() throws IOException {
      requireExists(path);
      try (OutputStream out = ChannelOutput.stdout()) {
        NarWriter.dump(path, out);
      }
      return 0;
    }
  }

  /** {@code cairn store restore}. */
  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description =
          "Unpack a NAR from standard input into DIR, which must not exist (as nix-store"
              + " --restore). A corrupt or hostile archive leaves nothing behind.")
  static final class Restore implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path target;

    @Override
    public Integer call() throws IOException {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new dev.cairn.store.StoreException(
            target + " already exists; restore into a new path");
      }
      NarRestorer.restore(new BufferedInputStream(new FileInputStream(FileDescriptor.in)), target);
      return 0;
    }
  }

  /** {@code cairn store hash}. */
  @Command(
      name = "hash",
      mixinStandardHelpOptions = true,
      description = "Print the SHA-256 of PATH's NAR serialisation, in Nix base-32 and SRI form.")
  static final class HashCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PATH")
    Path path;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    HashCommand() {} // picocli's

    /** The command for {@code path}, for Main to run without picocli. */
    HashCommand(Path path) {
      this.path = path;
    }

    @Override
    public Integer call() throws IOException {
      requireExists(path);
      NarSummary nar = NarWriter.hash(path);
      // Picocli's writer, or standard output when Main runs this command without picocli.
      PrintWriter out = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out);
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path.toString());
        m.put("base32", nar.narHash().toNixString());
        m.put("sri", nar.narHash().toSri());
        m.put("narSize", nar.narSize());
        out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m));
      } else {
        out.println(nar.narHash().toNixString());
        out.println(nar.narHash().toSri());
      }
      out.flush();
      return 0;
    }
  }

  static void requireExists(Path path) throws dev.cairn.store.StoreException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new dev.cairn.store.StoreException(path + " does not exist");
    }
  }
}
