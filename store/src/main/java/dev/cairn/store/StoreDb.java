package dev.cairn.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.sqlite.JDBC;

/**
 * The store's metadata in SQLite: valid paths with their NAR hash, size, deriver and registration
 * time, and the reference graph. Paths are stored by base name; the logical store directory is
 * recorded once, so a store cannot be opened with another one by mistake.
 *
 * <p>One connection per open store, used under this object's monitor; SQLite's own locking, with a
 * generous busy timeout, serialises writers of different processes. Statements are prepared once
 * and kept: an export or import asks the same few queries thousands of times, and preparing one
 * costs more than running it.
 */
final class StoreDb implements AutoCloseable {
  private static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS Config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS ValidPaths (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        path TEXT UNIQUE NOT NULL,
        hash TEXT NOT NULL,
        registrationTime INTEGER NOT NULL,
        deriver TEXT,
        narSize INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS Refs (
        referrer INTEGER NOT NULL REFERENCES ValidPaths(id) ON DELETE CASCADE,
        reference INTEGER NOT NULL REFERENCES ValidPaths(id) ON DELETE RESTRICT,
        PRIMARY KEY (referrer, reference));
      CREATE INDEX IF NOT EXISTS IndexReference ON Refs(reference);
      """;

  /** Paths asked for per query by {@link #pathInfos} and {@link #validAmong}. */
  static final int BATCH = 512;

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  private StoreDb(Connection connection) {
    this.connection = connection;
  }

  /** Returns the statement for {@code sql}, prepared on first use; it is closed with the store. */
  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  static StoreDb open(Path dir, StoreDir storeDir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("store.sqlite");
    try {
      SqliteNative.prepare(dir.resolve("native"));
      // The driver itself, not DriverManager: that one scans the class path for drivers and
      // spins method-handle classes on every start, for the one driver we know we use.
      Connection c = JDBC.createConnection(JDBC.PREFIX + file, new Properties());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 600000");
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
        s.execute("PRAGMA foreign_keys = ON");
        for (String sql : SCHEMA.split(";")) {
          if (!sql.isBlank()) {
            s.execute(sql);
          }
        }
      }
      StoreDb db = new StoreDb(c);
      db.checkStoreDir(file, storeDir);
      return db;
    } catch (SQLException e) {
      throw new StoreException("cannot open the store database " + file + ": " + e.getMessage(), e);
    }
  }

  private void checkStoreDir(Path file, StoreDir storeDir) throws SQLException, StoreException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT OR IGNORE INTO Config VALUES ('storeDir', ?)")) {
      insert.setString(1, storeDir.path());
      insert.executeUpdate();
    }
    try (PreparedStatement q =
            connection.prepareStatement("SELECT value FROM Config WHERE key = 'storeDir'");
        ResultSet rs = q.executeQuery()) {
      rs.next();
      String recorded = rs.getString(1);
      if (!recorded.equals(storeDir.path())) {
        throw new StoreException(
            "the store at "
                + file.getParent().getParent()
                + " was made for store directory "
                + recorded
                + ", not "
                + storeDir.path()
                + "; pass --store-dir "
                + recorded
                + " or use another --root");
      }
    }
  }

  synchronized boolean isValid(StorePath path) throws StoreException {
    return sql(
        () -> {
          PreparedStatement q = statement("SELECT 1 FROM ValidPaths WHERE path = ?");
          q.setString(1, path.baseName());
          try (ResultSet rs = q.executeQuery()) {
            return rs.next();
          }
        });
  }

  synchronized Optional<PathInfo> pathInfo(StorePath path) throws StoreException {
    return sql(
        () -> {
          Map<StorePath, PathInfo> found = new HashMap<>();
          queryBatch(List.of(path), found);
          return Optional.ofNullable(found.get(path));
        });
  }

  /**
   * Returns what is known of each of {@code paths} that is valid, asking for {@link #BATCH} paths
   * per query: an export or a closure copy asks for thousands, and a query each, with another for
   * its references, cost more than the copying.
   */
  synchronized Map<StorePath, PathInfo> pathInfos(Collection<StorePath> paths)
      throws StoreException {
    return sql(
        () -> {
          Map<StorePath, PathInfo> infos = new HashMap<>();
          connection.setAutoCommit(false); // one snapshot for all the batches
          try {
            for (List<StorePath> batch : batches(paths)) {
              queryBatch(batch, infos);
            }
          } finally {
            try {
              connection.commit(); // a read: ends the snapshot
            } finally {
              connection.setAutoCommit(true);
            }
          }
          return infos;
        });
  }

  /** Returns those of {@code paths} that are valid, {@link #BATCH} per query. */
  synchronized Set<StorePath> validAmong(Collection<StorePath> paths) throws StoreException {
    return sql(
        () -> {
          Set<StorePath> valid = new HashSet<>();
          for (List<StorePath> batch : batches(paths)) {
            PreparedStatement q =
                statement("SELECT path FROM ValidPaths WHERE path IN (" + in(batch.size()) + ")");
            bind(q, names(batch));
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                valid.add(StorePath.parseBaseName(rs.getString(1)));
              }
            }
          }
          return valid;
        });
  }

  private void queryBatch(List<StorePath> batch, Map<StorePath, PathInfo> infos)
      throws SQLException {
    PreparedStatement q =
        statement(
            "SELECT id, path, hash, registrationTime, deriver, narSize FROM ValidPaths"
                + " WHERE path IN ("
                + in(batch.size())
                + ")");
    bind(q, names(batch));
    Map<Long, Row> rows = new HashMap<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        rows.put(
            rs.getLong(1),
            new Row(
                StorePath.parseBaseName(rs.getString(2)),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getLong(6)));
      }
    }
    Map<Long, SortedSet<StorePath>> refs = new HashMap<>();
    if (!rows.isEmpty()) {
      PreparedStatement r =
          statement(
              "SELECT r.referrer, p.path FROM Refs r JOIN ValidPaths p ON p.id = r.reference"
                  + " WHERE r.referrer IN ("
                  + in(rows.size())
                  + ")");
      bind(r, List.copyOf(rows.keySet()));
      try (ResultSet rs = r.executeQuery()) {
        while (rs.next()) {
          refs.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>())
              .add(StorePath.parseBaseName(rs.getString(2)));
        }
      }
    }
    for (Map.Entry<Long, Row> e : rows.entrySet()) {
      Row row = e.getValue();
      infos.put(row.path(), row.info(refs.getOrDefault(e.getKey(), new TreeSet<>())));
    }
  }

  /** A row of ValidPaths, waiting for its references. */
  private record Row(StorePath path, String hash, long time, String deriver, long narSize) {
    PathInfo info(SortedSet<StorePath> references) {
      return new PathInfo(
          path,
          Hash.parse(hash),
          narSize,
          references,
          deriver == null || deriver.isEmpty()
              ? Optional.empty()
              : Optional.of(StorePath.parseBaseName(deriver)),
          Instant.ofEpochSecond(time));
    }
  }

  /**
   * The parameter list of an IN for {@code n} values, rounded up to a power of two (the extra slots
   * repeat the last value), so that a handful of statements serve every size and stay prepared.
   */
  private static String in(int n) {
    return "?,".repeat(slots(n) - 1) + "?";
  }

  private static int slots(int n) {
    return Math.max(1, Integer.highestOneBit(n - 1) << 1);
  }

  /** Binds {@code values} to the parameters of an IN made by {@link #in}, padding with the last. */
  private static void bind(PreparedStatement q, List<?> values) throws SQLException {
    for (int i = 0; i < slots(values.size()); i++) {
      q.setObject(i + 1, values.get(Math.min(i, values.size() - 1)));
    }
  }

  /** {@code paths} without repeats, in batches of at most {@link #BATCH}. */
  private static List<List<StorePath>> batches(Collection<StorePath> paths) {
    List<StorePath> distinct = List.copyOf(new LinkedHashSet<>(paths));
    List<List<StorePath>> batches = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += BATCH) {
      batches.add(distinct.subList(from, Math.min(distinct.size(), from + BATCH)));
    }
    return batches;
  }

  private static List<String> names(List<StorePath> paths) {
    return paths.stream().map(StorePath::baseName).toList();
  }

  synchronized SortedSet<StorePath> referrers(StorePath path) throws StoreException {
    return sql(
        () -> {
          SortedSet<StorePath> out = new TreeSet<>();
          try (PreparedStatement q =
              connection.prepareStatement(
                  "SELECT p.path FROM Refs r JOIN ValidPaths p ON p.id = r.referrer"
                      + " JOIN ValidPaths t ON t.id = r.reference WHERE t.path = ?")) {
            q.setString(1, path.baseName());
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                out.add(StorePath.parseBaseName(rs.getString(1)));
              }
            }
          }
          return out;
        });
  }

  /** Returns every valid path with its references: the whole graph, for closures and gc. */
  synchronized Map<StorePath, List<StorePath>> graph() throws StoreException {
    return sql(
        () -> {
          Map<Long, StorePath> byId = new HashMap<>();
          Map<StorePath, List<StorePath>> graph = new HashMap<>();
          try (Statement s = connection.createStatement();
              ResultSet rs = s.executeQuery("SELECT id, path FROM ValidPaths")) {
            while (rs.next()) {
              StorePath p = StorePath.parseBaseName(rs.getString(2));
              byId.put(rs.getLong(1), p);
              graph.put(p, new ArrayList<>());
            }
          }
          try (Statement s = connection.createStatement();
              ResultSet rs = s.executeQuery("SELECT referrer, reference FROM Refs")) {
            while (rs.next()) {
              graph.get(byId.get(rs.getLong(1))).add(byId.get(rs.getLong(2)));
            }
          }
          return graph;
        });
  }

  /** Returns the sizes of all valid paths. */
  synchronized Map<StorePath, Long> narSizes() throws StoreException {
    return sql(
        () -> {
          Map<StorePath, Long> sizes = new HashMap<>();
          try (Statement s = connection.createStatement();
              ResultSet rs = s.executeQuery("SELECT path, narSize FROM ValidPaths")) {
            while (rs.next()) {
              sizes.put(StorePath.parseBaseName(rs.getString(1)), rs.getLong(2));
            }
          }
          return sizes;
        });
  }

  /**
   * Registers {@code infos} in one transaction. Their references must be valid already or among
   * {@code infos}; a path that is valid already is left as it is.
   */
  synchronized void register(Collection<PathInfo> infos) throws StoreException {
    sql(
        () -> {
          connection.setAutoCommit(false);
          try {
            insertAll(infos);
            connection.commit();
          } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
          } finally {
            connection.setAutoCommit(true);
          }
          return null;
        });
  }

  private void insertAll(Collection<PathInfo> infos) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT OR IGNORE INTO ValidPaths (path, hash, registrationTime, deriver, narSize)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (PathInfo info : infos) {
        insert.setString(1, info.path().baseName());
        insert.setString(2, info.narHash().toNixString());
        insert.setLong(3, info.registrationTime().getEpochSecond());
        insert.setString(4, info.deriver().map(StorePath::baseName).orElse(null));
        insert.setLong(5, info.narSize());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement ref =
        connection.prepareStatement(
            "INSERT OR IGNORE INTO Refs (referrer, reference) SELECT a.id, b.id"
                + " FROM ValidPaths a, ValidPaths b WHERE a.path = ? AND b.path = ?")) {
      for (PathInfo info : infos) {
        for (StorePath r : info.references()) {
          ref.setString(1, info.path().baseName());
          ref.setString(2, r.baseName());
          ref.addBatch();
        }
      }
      int[] counts = ref.executeBatch();
      checkReferencesInserted(infos, counts);
    }
  }

  private static void checkReferencesInserted(Collection<PathInfo> infos, int[] counts) {
    int i = 0;
    for (PathInfo info : infos) {
      for (StorePath r : info.references()) {
        if (counts[i++] == 0) {
          throw new IllegalStateException(
              "cannot register " + info.path() + ": its reference " + r + " is not valid");
        }
      }
    }
  }

  /** Unregisters {@code path}; it must have no referrers but itself. */
  synchronized void invalidate(StorePath path) throws StoreException {
    sql(
        () -> {
          connection.setAutoCommit(false);
          try (PreparedStatement refs =
                  connection.prepareStatement(
                      "DELETE FROM Refs WHERE referrer = (SELECT id FROM ValidPaths WHERE path = ?)"
                          + " AND reference = (SELECT id FROM ValidPaths WHERE path = ?)");
              PreparedStatement del =
                  connection.prepareStatement("DELETE FROM ValidPaths WHERE path = ?")) {
            refs.setString(1, path.baseName());
            refs.setString(2, path.baseName());
            refs.executeUpdate();
            del.setString(1, path.baseName());
            del.executeUpdate();
            connection.commit();
          } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
          } finally {
            connection.setAutoCommit(true);
          }
          return null;
        });
  }

  @Override
  public synchronized void close() throws StoreException {
    sql(
        () -> {
          for (PreparedStatement statement : statements.values()) {
            statement.close();
          }
          connection.close();
          return null;
        });
  }

  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  private static <T> T sql(SqlWork<T> work) throws StoreException {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new StoreException("store database error: " + e.getMessage(), e);
    }
  }
}
