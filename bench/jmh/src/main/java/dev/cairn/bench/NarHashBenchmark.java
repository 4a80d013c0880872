package dev.cairn.bench;

import dev.cairn.store.Hash;
import dev.cairn.store.nar.NarSummary;
import dev.cairn.store.nar.NarWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link NarWriter#hash} against its ceiling, a plain {@link MessageDigest} SHA-256 over the very
 * NAR bytes (held in memory, so the baseline does no I/O and no serialisation). The files are in
 * the page cache after the first iteration, so this measures CPU: tree walk, reads, NAR framing and
 * hashing. The {@code bytes} counter gives NAR bytes per second; bench/jmh.sh turns the two into MB/s
 * and a ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NarHashBenchmark {
  /** {@code file64m}: one 64 MiB file; {@code tree2000}: 2,000 files of 1-8 KiB in 20 dirs. */
  @Param({"file64m", "tree2000"})
  public String input;

  private Path dir;
  private Path root;
  private byte[] nar;

  /** Counts NAR bytes processed, reported by JMH as a rate next to the operations. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    /** NAR bytes hashed. */
    public long bytes;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  /** Writes the input (random contents from a fixed seed) and its NAR, and checks they agree. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("cairn-jmh-");
    SplittableRandom random = new SplittableRandom(20260101);
    switch (input) {
      case "file64m" -> {
        root = dir.resolve("big");
        Files.write(root, randomBytes(random, 64 << 20));
      }
      case "tree2000" -> {
        root = dir.resolve("tree");
        for (int i = 0; i < 2000; i++) {
          Path sub = root.resolve(String.format("d%02d", i / 100));
          Files.createDirectories(sub);
          Files.write(sub.resolve(String.format("f%05d", i)), randomBytes(random, 1024 + random.nextInt(7 * 1024 + 1)));
        }
      }
      default -> throw new IllegalArgumentException("unknown input " + input);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NarWriter.dump(root, out);
    nar = out.toByteArray();
    NarSummary summary = NarWriter.hash(root);
    if (!summary.narHash().equals(Hash.sha256(nar)) || summary.narSize() != nar.length) {
      throw new IllegalStateException("NarWriter.hash disagrees with the SHA-256 of NarWriter.dump");
    }
  }

  private static byte[] randomBytes(SplittableRandom random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Deletes the input. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Cairn: walk the tree, read every file, frame it as NAR and hash it. */
  @Benchmark
  public NarSummary narWriterHash(Bytes counter) {
    try {
      NarSummary summary = NarWriter.hash(root);
      counter.bytes += summary.narSize();
      return summary;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Baseline: SHA-256 of the same NAR bytes, already in memory. */
  @Benchmark
  public byte[] messageDigestSha256(Bytes counter) throws NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(nar);
    counter.bytes += nar.length;
    return digest.digest();
  }
}
