package dev.cairn.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Profiles with generations, laid out as Nix lays them out: {@code profiles/NAME} is a symlink to
 * {@code NAME-N-link}, which is a symlink to a store path. Switching renames a fresh symlink over
 * the old one, so a reader sees either the old generation or the new one. Changes to one profile
 * take turns through a lock file.
 */
public final class Profiles {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final LocalStore store;

  Profiles(LocalStore store) {
    this.store = store;
  }

  /**
   * Checks a profile name.
   *
   * @throws StoreException saying which letters are allowed
   */
  public static String checkName(String name) throws StoreException {
    if (!NAME.matcher(name).matches() || name.length() > 100) {
      throw new StoreException(
          "profile name '"
              + name
              + "' is not allowed; use letters, digits, '.', '_' and '-' (not first), at most 100");
    }
    return name;
  }

  /** Returns the names of existing profiles, sorted. */
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    Path dir = store.layout().profilesDir();
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        String n = e.getFileName().toString();
        if (NAME.matcher(n).matches() && !n.matches(".*-\\d+-link") && !n.endsWith(".lock")) {
          names.add(n);
        }
      }
    }
    names.sort(null);
    return names;
  }

  /** Returns the generations of {@code name}, oldest first; empty if there is no such profile. */
  public List<Generation> generations(String name) throws IOException {
    checkName(name);
    Optional<Integer> current = currentNumber(name);
    List<Generation> out = new ArrayList<>();
    Path dir = store.layout().profilesDir();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    Pattern link = Pattern.compile(Pattern.quote(name) + "-(\\d+)-link");
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        Matcher m = link.matcher(e.getFileName().toString());
        if (m.matches()) {
          int n = Integer.parseInt(m.group(1));
          out.add(new Generation(n, target(e), created(e), current.equals(Optional.of(n))));
        }
      }
    }
    out.sort(Comparator.comparingInt(Generation::number));
    return out;
  }

  /**
   * Returns the generations of {@code name}, oldest first.
   *
   * @throws StoreException if there is no such profile, naming those there are
   */
  public List<Generation> existingGenerations(String name) throws IOException {
    List<Generation> all = generations(name);
    if (all.isEmpty()) {
      throw noProfile(name);
    }
    return all;
  }

  /** Returns the generation {@code name} points to now, if any. */
  public Optional<Generation> current(String name) throws IOException {
    return generations(name).stream().filter(Generation::current).findFirst();
  }

  /**
   * Makes {@code path} a new generation of {@code name} and switches to it; does nothing when the
   * profile already points to {@code path}.
   *
   * @return the generation the profile points to afterwards
   * @throws StoreException if {@code path} is not valid
   */
  public Generation set(String name, StorePath path) throws IOException {
    checkName(name);
    store.addTempRoot(path); // checks validity and keeps it from a collector until linked
    try (PathLock lock = lock(name)) {
      Optional<Generation> now = current(name);
      if (now.isPresent() && now.get().path().equals(path)) {
        return now.get();
      }
      int next = generations(name).stream().mapToInt(Generation::number).max().orElse(0) + 1;
      Path link = generationLink(name, next);
      Files.createDirectories(link.getParent());
      replaceSymlink(link, store.layout().physical(path));
      switchTo(name, next);
      return current(name).orElseThrow();
    }
  }

  /**
   * Switches {@code name} to generation {@code number}.
   *
   * @throws StoreException if there is no such generation
   */
  public Generation switchGeneration(String name, int number) throws IOException {
    checkName(name);
    try (PathLock lock = lock(name)) {
      requireGeneration(name, number);
      switchTo(name, number);
      return current(name).orElseThrow();
    }
  }

  /**
   * Switches {@code name} to the generation before the current one.
   *
   * @throws StoreException if there is none
   */
  public Generation rollback(String name) throws IOException {
    checkName(name);
    try (PathLock lock = lock(name)) {
      int now = currentNumber(name).orElseThrow(() -> noProfile(name));
      Generation previous =
          generations(name).stream()
              .filter(g -> g.number() < now)
              .reduce((a, b) -> b)
              .orElseThrow(
                  () ->
                      new StoreException(
                          "profile '"
                              + name
                              + "' has no generation before "
                              + now
                              + "; see cairn profile list-generations"));
      switchTo(name, previous.number());
      return current(name).orElseThrow();
    }
  }

  /**
   * Deletes generations of {@code name}: numbers, {@code Nd} (older than N days) or {@code old}
   * (all but the current one). The current generation is never deleted.
   *
   * @return the generations deleted
   * @throws StoreException if a spec is malformed, names the current generation or a missing one
   */
  public List<Generation> deleteGenerations(String name, List<String> specs) throws IOException {
    checkName(name);
    try (PathLock lock = lock(name)) {
      List<Generation> all = existingGenerations(name);
      List<Generation> doomed = new ArrayList<>();
      for (String spec : specs) {
        doomed.addAll(select(name, all, spec));
      }
      for (Generation g : doomed) {
        Files.deleteIfExists(generationLink(name, g.number()));
      }
      return doomed.stream().distinct().toList();
    }
  }

  private List<Generation> select(String name, List<Generation> all, String spec)
      throws StoreException {
    if (spec.equals("old")) {
      return all.stream().filter(g -> !g.current()).toList();
    }
    if (spec.matches("\\d+d")) {
      Instant cutoff =
          Instant.now()
              .minus(Duration.ofDays(Long.parseLong(spec.substring(0, spec.length() - 1))));
      return all.stream().filter(g -> !g.current() && g.created().isBefore(cutoff)).toList();
    }
    if (spec.matches("\\d+")) {
      int n = Integer.parseInt(spec);
      Generation g = find(all, name, n);
      if (g.current()) {
        throw new StoreException(
            "generation "
                + n
                + " is the current generation of profile '"
                + name
                + "'; switch to another one before deleting it");
      }
      return List.of(g);
    }
    throw new StoreException(
        "'" + spec + "' is not a generation: give a number, Nd (older than N days) or 'old'");
  }

  private Generation requireGeneration(String name, int number) throws IOException {
    return find(generations(name), name, number);
  }

  private static Generation find(List<Generation> all, String name, int number)
      throws StoreException {
    return all.stream()
        .filter(g -> g.number() == number)
        .findFirst()
        .orElseThrow(
            () ->
                new StoreException(
                    "profile '"
                        + name
                        + "' has no generation "
                        + number
                        + "; see cairn profile list-generations --profile "
                        + name));
  }

  /**
   * The error for a profile that does not exist, naming those that do (a mistyped name is the usual
   * cause).
   */
  private StoreException noProfile(String name) {
    String there;
    try {
      List<String> names = names();
      there =
          names.isEmpty() ? "there are none yet" : "profiles there: " + String.join(", ", names);
    } catch (IOException | RuntimeException e) {
      there = "cannot list the others: " + e.getMessage();
    }
    return new StoreException(
        "there is no profile '"
            + name
            + "' in "
            + store.layout().profilesDir()
            + " ("
            + there
            + ")");
  }

  private Optional<Integer> currentNumber(String name) throws IOException {
    Path link = store.layout().profilesDir().resolve(name);
    if (!Files.isSymbolicLink(link)) {
      return Optional.empty();
    }
    Matcher m =
        Pattern.compile(Pattern.quote(name) + "-(\\d+)-link")
            .matcher(Files.readSymbolicLink(link).toString());
    return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  private void switchTo(String name, int number) throws IOException {
    replaceSymlink(
        store.layout().profilesDir().resolve(name), generationLink(name, number).getFileName());
  }

  private Path generationLink(String name, int number) {
    return store.layout().profilesDir().resolve(name + "-" + number + "-link");
  }

  private StorePath target(Path link) throws IOException {
    return store.parsePath(Files.readSymbolicLink(link).toString());
  }

  private static Instant created(Path link) throws IOException {
    FileTime t =
        Files.readAttributes(link, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            .lastModifiedTime();
    return t.toInstant();
  }

  /** Points {@code link} at {@code target} atomically: a new link renamed over the old. */
  static void replaceSymlink(Path link, Path target) throws IOException {
    Path fresh = link.resolveSibling("." + link.getFileName() + "." + UUID.randomUUID());
    Files.createSymbolicLink(fresh, target);
    try {
      Files.move(fresh, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (FileAlreadyExistsException | RuntimeException e) {
      Files.deleteIfExists(fresh);
      throw e;
    }
  }

  private PathLock lock(String name) throws IOException {
    InterProcessLock.Held held =
        InterProcessLock.of(store.layout().locksDir().resolve("profile-" + name + ".lock"))
            .exclusive();
    return held::close;
  }
}
