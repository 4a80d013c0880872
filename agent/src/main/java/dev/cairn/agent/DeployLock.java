package dev.cairn.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The lock one deployment of a profile holds on a target for its whole length. It never waits: a
 * second deployment is refused at once, told who holds the lock (process, user, host, since when),
 * which the holder writes beside the lock file.
 */
final class DeployLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;
  private final Path holderFile;

  private DeployLock(FileChannel channel, FileLock lock, Path holderFile) {
    this.channel = channel;
    this.lock = lock;
    this.holderFile = holderFile;
  }

  /**
   * Takes the lock of {@code profile} under {@code dir}.
   *
   * @throws LockRefusedException naming the holder if someone else has it
   */
  static DeployLock take(String target, Path dir, String profile) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("deploy-" + profile + ".lock");
    Path holder = dir.resolve("deploy-" + profile + ".holder");
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException inThisProcess) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      throw new LockRefusedException(
          target,
          "profile '"
              + profile
              + "' is being deployed by "
              + describeHolder(holder)
              + "; wait for it to finish (or, if you are sure nothing runs, use --no-lock)");
    }
    Files.writeString(holder, holderText(), StandardCharsets.UTF_8);
    return new DeployLock(ch, lock, holder);
  }

  private static String holderText() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "this machine";
    }
    return "process "
        + ProcessHandle.current().pid()
        + " of user "
        + System.getProperty("user.name")
        + " on "
        + host
        + " since "
        + Instant.now();
  }

  private static String describeHolder(Path holder) {
    try {
      return Files.readString(holder, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "another deployment";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      Files.deleteIfExists(holderFile);
      lock.release();
    } finally {
      channel.close();
    }
  }
}
