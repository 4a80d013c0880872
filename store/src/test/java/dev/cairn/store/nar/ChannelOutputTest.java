package dev.cairn.store.nar;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.Background;
import dev.cairn.store.StoreDir;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NARs written to a {@link ChannelOutput}, whose large files go to the channel by {@code sendfile},
 * must be the bytes the plain stream gets.
 */
class ChannelOutputTest {
  @TempDir Path tmp;

  @Test
  void dumpToAFileIsTheSameNar() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree"));
    Path file = tmp.resolve("nar");

    try (ChannelOutput out =
        new ChannelOutput(FileChannel.open(file, CREATE_NEW, WRITE), 4096, "a file")) {
      out.write("before|".getBytes()); // what the stream holds goes first
      NarWriter.dump(tree, out);
      out.write("|after".getBytes());
    }

    byte[] nar = NarWriterTest.dump(tree);
    byte[] got = Files.readAllBytes(file);
    assertThat(got).hasSize(nar.length + 13);
    assertThat(new String(got, 0, 7)).isEqualTo("before|");
    assertThat(ByteBuffer.wrap(got, 7, nar.length)).isEqualTo(ByteBuffer.wrap(nar));
    assertThat(new String(got, 7 + nar.length, 6)).isEqualTo("|after");
  }

  @Test
  void aNonBlockingPipeThatFillsUpGetsTheRestThroughTheBuffer() throws Exception {
    Path tree = SampleTree.create(tmp.resolve("tree")); // "big" is 600 KiB, over a pipe's 64
    Pipe pipe = Pipe.open();
    pipe.sink().configureBlocking(false);
    CompletableFuture<byte[]> read =
        CompletableFuture.supplyAsync(
            () -> {
              ByteArrayOutputStream all = new ByteArrayOutputStream();
              ByteBuffer chunk = ByteBuffer.allocate(4096);
              try (Pipe.SourceChannel source = pipe.source()) {
                while (source.read(chunk.clear()) >= 0) {
                  all.write(chunk.array(), 0, chunk.position());
                  Thread.sleep(1); // slower than the writer: the pipe fills up
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              return all.toByteArray();
            },
            Background.threads());

    try (ChannelOutput out = new ChannelOutput(pipe.sink(), 1024, "a pipe")) {
      NarWriter.dump(tree, out);
    }

    assertThat(read.get()).isEqualTo(NarWriterTest.dump(tree));
  }

  /**
   * A reader that goes away early ({@code cairn store dump … | head}) is reported as such, naming
   * the output, whether the bytes went through the buffer or straight from a file.
   */
  @Test
  void aPipeClosedByItsReaderIsReportedAsSuch() throws Exception {
    Pipe gone = Pipe.open();
    gone.source().close();
    try (ChannelOutput out = new ChannelOutput(gone.sink(), 1024, "the test pipe")) {
      assertThatThrownBy(() -> out.write(new byte[10_000]))
          .isInstanceOf(StoreException.class)
          .hasMessage(
              "cannot write to the test pipe: Broken pipe (what read it stopped before the end;"
                  + " nothing else is wrong)");
    }

    Path tree = Files.createDirectories(tmp.resolve("one-big-file"));
    Files.write(tree.resolve("big"), new byte[4 * NarSerializer.DIRECT_MIN]);
    Pipe pipe = Pipe.open();
    CompletableFuture<Void> readOnce =
        CompletableFuture.runAsync(
            () -> {
              try (Pipe.SourceChannel source = pipe.source()) {
                source.read(ByteBuffer.allocate(16)); // the NAR's first bytes, then away
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            Background.threads());
    try (ChannelOutput out = new ChannelOutput(pipe.sink(), 1024, "the test pipe")) {
      assertThatThrownBy(() -> NarWriter.dump(tree, out))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("cannot write to the test pipe: Broken pipe");
    } // and closing it does not fail again: the bytes that failed are not written twice
    readOnce.get();
  }

  /**
   * Small files reach the channel a few at a time, so that a pipe's reader works while the next
   * ones are read, rather than in one write as big as the serialiser's buffer.
   */
  @Test
  void smallFilesGoToTheChannelInPipeSizedWrites() throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("small-files"));
    int fileSize = 3000;
    for (int i = 0; i < 100; i++) {
      Files.write(tree.resolve("f" + i), new byte[fileSize]);
    }
    List<Integer> writes = new ArrayList<>();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    WritableByteChannel recorder =
        new WritableByteChannel() {
          @Override
          public int write(ByteBuffer src) {
            int n = src.remaining();
            writes.add(n);
            while (src.hasRemaining()) {
              all.write(src.get());
            }
            return n;
          }

          @Override
          public boolean isOpen() {
            return true;
          }

          @Override
          public void close() {}
        };

    try (ChannelOutput out = new ChannelOutput(recorder, 64 << 10, "a recorder")) {
      NarWriter.dump(tree, out);
    }

    assertThat(all.toByteArray()).isEqualTo(NarWriterTest.dump(tree)); // some 300 KB
    // About 32 KiB each (the buffer goes at the end of the file that fills it that far), then the
    // rest of the NAR when the stream is closed: neither one write of all nor one per file.
    List<Integer> full = writes.subList(0, writes.size() - 1);
    assertThat(full)
        .hasSizeGreaterThan(8)
        .allMatch(n -> n >= NarSerializer.PIPE_CHUNK && n < NarSerializer.PIPE_CHUNK + 4096);
    assertThat(writes.get(writes.size() - 1)).isLessThan(NarSerializer.PIPE_CHUNK);
  }

  @Test
  void exportToAFileIsTheSameStream() throws Exception {
    Path big = Files.write(tmp.resolve("big"), new byte[200_000]);
    Path small = Files.writeString(tmp.resolve("small"), "small");
    StoreDir dir = ExportTest.NIX;
    StorePath a = StorePath.parseBaseName("7rjj86a15146cq1d3qy068lml7n8ykzm-a");
    StorePath b = StorePath.parseBaseName("a3fpy5xn0ilx8r1bqazhg0bqc8wqqwqr-b");

    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    write(new ExportWriter(plain, dir), a, big, b, small);
    Path file = tmp.resolve("export");
    try (ChannelOutput out =
        new ChannelOutput(FileChannel.open(file, CREATE_NEW, WRITE), 512, "a file")) {
      write(new ExportWriter(out, dir), a, big, b, small);
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(plain.toByteArray());
  }

  private static void write(ExportWriter w, StorePath a, Path fa, StorePath b, Path fb)
      throws Exception {
    w.write(a, fa, List.of(), Optional.empty());
    w.write(b, fb, List.of(a), Optional.empty());
    w.finish();
  }
}
