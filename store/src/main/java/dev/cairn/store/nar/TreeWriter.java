package dev.cairn.store.nar;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Creates the entries of a tree being restored from a NAR, or copied while it is serialised, on a
 * thread of its own, in the order they are asked for: parsing or reading and hashing (user time)
 * and creating files (system time) then run on two cores at once. Every waiting step counts against
 * a budget of {@link #IN_FLIGHT} bytes (the array it holds, or {@link #STEP_COST} at least), so
 * memory stays bounded whatever the archive.
 *
 * <p>Every entry is created exclusively in a directory created before it, as {@link NarParser}
 * would create it itself. The first failure is kept and reported by the next call (or by {@link
 * #await}); later requests are skipped. Callers must {@link #await} (or, after a failure, {@link
 * #awaitAfter}) before they read, move or delete what was written. One producer thread per
 * instance.
 */
final class TreeWriter {
  /** Bytes that may wait to be written. */
  static final int IN_FLIGHT = 16 << 20;

  /**
   * Contents of at least this many bytes are handed over in the reused arrays of {@link #chunk},
   * smaller ones in arrays of their own size: an eighth of a reused one, so that an array never
   * holds more than eight times what it carries.
   */
  static final int POOLED = Nar.BUFFER_SIZE / 8;

  /** What a step costs of the budget besides its contents: a path, a target, a task. */
  static final int STEP_COST = 512;

  /** A batch goes to the writer's thread when it holds this many bytes of contents, */
  private static final int BATCH_BYTES = 1 << 20;

  /** or this many steps. */
  private static final int BATCH_STEPS = 256;

  private final boolean canonical;

  /**
   * Written arrays of {@link Nar#BUFFER_SIZE} bytes, for {@link #chunk}. It holds as many as the
   * budget lets wait, so that none is dropped: a copy allocates {@link #IN_FLIGHT} bytes of them at
   * most, whatever its size, instead of garbage the size of the tree.
   */
  private final ArrayBlockingQueue<byte[]> spares =
      new ArrayBlockingQueue<>(IN_FLIGHT / Nar.BUFFER_SIZE);

  private final Semaphore budget = new Semaphore(IN_FLIGHT);

  /**
   * The writers' threads, shared by every instance: daemon threads, started when there is work and
   * ended after a second without. A command that copies thousands of small paths in turn (a {@code
   * store add} of many files, the sources of a build) reuses one thread instead of starting one per
   * path, and writers used at once still get a thread each.
   */
  private static final ThreadPoolExecutor THREADS =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          1,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "cairn-restore");
            t.setDaemon(true);
            return t;
          });

  /** This writer's tasks, run one at a time and in order on {@link #THREADS}. */
  private final SerialTasks serial = new SerialTasks();

  private volatile IOException failure;

  /** The access time given to canonical files (their modification time is the store's). */
  private final FileTime now = FileTime.from(Instant.now());

  /** The file being written, used by the writer thread only, as the two fields below. */
  private FileChannel file;

  /**
   * Whether canonical files are created with their final mode: the umask keeps its bits and, once
   * the first such file was checked, nothing else took them (see {@link #modeAsCreated}). It only
   * changes while that first file is closed, so a file is closed as it was created.
   */
  private boolean withMode;

  private boolean modeChecked;

  /** Steps not yet handed to the writer's thread, and their bytes of contents. */
  private List<Step> batch = new ArrayList<>();

  private int batchBytes;

  /**
   * {@code canonical}: give entries the store's permissions and times: files from their creation
   * where the umask allows (see {@link #createFile}), directories as they are finished.
   */
  TreeWriter(boolean canonical) {
    this.canonical = canonical;
    this.withMode = canonical && Umask.keeps(0555);
  }

  void createDirectory(Path dir) throws IOException {
    submit(STEP_COST, () -> Files.createDirectory(dir));
  }

  /** Finishes a directory whose entries were all asked for. */
  void finishDirectory(Path dir) throws IOException {
    if (canonical) {
      submit(STEP_COST, () -> Canonicalizer.canonicalizeCreated(dir, true));
    }
  }

  /**
   * Creates a regular file; {@link #write} then appends to it until {@link #closeFile}. A canonical
   * file is created read-only (0444 or 0555) when the umask keeps those bits, which spares a chmod
   * per file; the descriptor was opened for writing, so the contents still go in.
   */
  void createFile(Path path, boolean executable) throws IOException {
    submit(
        STEP_COST,
        () ->
            file =
                withMode
                    ? FileChannel.open(
                        path, Set.of(CREATE_NEW, WRITE), Canonicalizer.mode(executable))
                    : FileChannel.open(path, CREATE_NEW, WRITE));
  }

  /**
   * Appends {@code bytes} to the file being written. The array is the writer's from now on: the
   * caller must not change it.
   */
  void write(byte[] bytes) throws IOException {
    write(bytes, bytes.length);
  }

  /**
   * Appends the first {@code length} bytes of {@code bytes}, an array the writer owns from now on
   * (one from {@link #chunk}, say). Arrays of {@link Nar#BUFFER_SIZE} go back to the spares once
   * written, and count whole against the budget: that is the memory they hold, however little of it
   * a small file fills.
   */
  void write(byte[] bytes, int length) throws IOException {
    boolean reused = bytes.length == Nar.BUFFER_SIZE;
    submit(
        STEP_COST + (reused ? bytes.length : length),
        () -> {
          ByteBuffer data = ByteBuffer.wrap(bytes, 0, length);
          while (data.hasRemaining()) {
            file.write(data);
          }
          if (reused) {
            spares.offer(bytes); // room for every array the budget lets wait
          }
        });
  }

  /**
   * Returns an array to fill with {@code size} bytes of contents (at most {@link Nar#BUFFER_SIZE})
   * and hand to {@link #write(byte[], int)}: for {@link #POOLED} bytes or more, one of {@link
   * Nar#BUFFER_SIZE} bytes already written, or a new one; for fewer, one of its own. Reusing them
   * spares allocating and zeroing as many bytes as the tree holds: on a 500 MiB import, half a
   * gigabyte of garbage, five collections and the kernel zeroing fresh heap pages, a tenth of a
   * second and more.
   */
  byte[] chunk(int size) {
    if (size < POOLED) {
      return new byte[size];
    }
    byte[] spare = spares.poll();
    return spare != null ? spare : new byte[Nar.BUFFER_SIZE];
  }

  /** Closes the file being written, making it executable if {@code executable}. */
  void closeFile(Path path, boolean executable) throws IOException {
    submit(
        STEP_COST,
        () -> {
          FileChannel f = file;
          file = null;
          f.close();
          if (withMode && modeAsCreated(path, executable)) {
            Canonicalizer.setTimes(path, now);
          } else if (canonical) {
            Canonicalizer.canonicalizeCreated(path, executable);
          } else if (executable) {
            Permissions.addExecute(path);
          }
        });
  }

  /**
   * Whether a file created with its canonical mode has it. The first such file is checked: a
   * default ACL on the directory overrides the umask (0444 may become 0400), and then every file of
   * this writer gets its mode set after all.
   */
  private boolean modeAsCreated(Path path, boolean executable) throws IOException {
    if (!modeChecked) {
      modeChecked = true;
      withMode = Canonicalizer.hasMode(path, executable);
    }
    return withMode;
  }

  void createSymbolicLink(Path link, Path target) throws IOException {
    submit(
        STEP_COST + target.toString().length(),
        () -> {
          Files.createSymbolicLink(link, target);
          if (canonical) {
            Canonicalizer.setMtime(link);
          }
        });
  }

  /**
   * Waits until everything asked for is written, then reports the first failure, if any, and clears
   * it: the writer can be used again.
   */
  void await() throws IOException {
    dispatch();
    try {
      idle().acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing files");
    }
    IOException f = failure;
    if (f != null) {
      failure = null;
      throw f;
    }
  }

  /**
   * After {@code primary} made the caller give up what it asked for: drops the steps not yet handed
   * over, waits (even when interrupted: the caller is about to delete the tree) until the writer's
   * thread is idle, and adds a failure of its, if another, to {@code primary}. The writer can be
   * used again.
   */
  void awaitAfter(Exception primary) {
    IOException f = abandon();
    if (f != null && f != primary) {
      primary.addSuppressed(f);
    }
  }

  /**
   * Drops the steps not yet handed over and waits, even when interrupted, until the writer's thread
   * is idle; returns its failure, if any, and clears it. The writer can be used again.
   */
  IOException abandon() {
    batch = new ArrayList<>();
    batchBytes = 0;
    idle().acquireUninterruptibly();
    IOException f = failure;
    failure = null;
    closeQuietly(); // a file the failure interrupted; the writer's thread is idle now
    return f;
  }

  /** A permit that comes once the writer's thread has done everything handed to it so far. */
  private Semaphore idle() {
    Semaphore done = new Semaphore(0);
    serial.execute(done::release);
    return done;
  }

  /** After a failure: the file being written is abandoned (its tree is deleted by the caller). */
  private void closeQuietly() {
    if (file != null) {
      try {
        file.close();
      } catch (IOException ignored) {
        // The failure that brought us here is the one reported.
      }
      file = null;
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws IOException;
  }

  private void submit(int bytes, Step step) throws IOException {
    IOException f = failure;
    if (f != null) {
      throw f;
    }
    batch.add(step);
    batchBytes += bytes;
    if (batchBytes >= BATCH_BYTES || batch.size() >= BATCH_STEPS) {
      dispatch();
    }
  }

  /**
   * Hands the steps gathered so far to the writer's thread as one task: one wake-up for many small
   * entries, where a task each would cost more in hand-offs than the entries themselves.
   */
  private void dispatch() throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    List<Step> steps = batch;
    int bytes = batchBytes;
    batch = new ArrayList<>();
    batchBytes = 0;
    try {
      budget.acquire(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing files");
    }
    Runnable task =
        () -> {
          try {
            for (Step step : steps) {
              if (failure != null) {
                break;
              }
              step.run();
            }
          } catch (Throwable e) { // an Error too: the tree is incomplete, and must be known so
            failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
            closeQuietly();
          } finally {
            budget.release(bytes);
          }
        };
    try {
      serial.execute(task);
    } catch (RuntimeException | Error e) { // no thread to run it: it never takes its bytes back
      budget.release(bytes);
      throw e;
    }
  }

  /**
   * Runs tasks one at a time, in the order given, each on a thread of {@link #THREADS}: a task
   * starts only after the one before it ended, which also makes everything that one wrote visible
   * to it, whichever thread runs it. The tasks here catch their own failures; should one throw all
   * the same, the ones after it still run.
   */
  private static final class SerialTasks {
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private boolean running;

    synchronized void execute(Runnable task) {
      waiting.add(task);
      if (!running) {
        running = true;
        try {
          THREADS.execute(this::drain);
        } catch (RuntimeException | Error e) { // no thread could be started: nothing runs
          waiting.clear();
          running = false;
          throw e;
        }
      }
    }

    /**
     * Runs the tasks until none is waiting. One that throws is reported as an uncaught exception
     * would be, and the ones after it run on the same thread: handing them to another could fail
     * (no thread to be had) and leave them, and everyone waiting for them, stranded.
     */
    private void drain() {
      for (Runnable task = next(); task != null; task = next()) {
        try {
          task.run();
        } catch (Throwable e) {
          Thread t = Thread.currentThread();
          t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
      }
    }

    private synchronized Runnable next() {
      Runnable task = waiting.poll();
      running = task != null;
      return task;
    }
  }
}
