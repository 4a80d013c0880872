package dev.cairn.store.nar;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Permission changes that never follow a symlink (they fail on one instead). */
final class Permissions {
  private Permissions() {}

  /** Adds execute for owner, group and others, as Nix does for executable NAR entries. */
  static void addExecute(Path file) throws IOException {
    Set<PosixFilePermission> permissions = get(file);
    permissions.add(PosixFilePermission.OWNER_EXECUTE);
    permissions.add(PosixFilePermission.GROUP_EXECUTE);
    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
    set(file, permissions);
  }

  static Set<PosixFilePermission> get(Path file) throws IOException {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    permissions.addAll(Files.getPosixFilePermissions(file, NOFOLLOW_LINKS));
    return permissions;
  }

  /**
   * Sets the permissions of a regular file or directory. The JDK's no-follow variant opens the file
   * for reading first, which fails on an owner-unreadable file; then, once lstat has shown that it
   * is no symlink, the path is chmod-ed directly.
   */
  static void set(Path file, Set<PosixFilePermission> permissions) throws IOException {
    try {
      Files.getFileAttributeView(file, PosixFileAttributeView.class, NOFOLLOW_LINKS)
          .setPermissions(permissions);
    } catch (AccessDeniedException e) {
      if (Files.isSymbolicLink(file)) {
        throw e;
      }
      Files.setPosixFilePermissions(file, permissions);
    }
  }
}
