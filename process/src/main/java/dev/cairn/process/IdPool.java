package dev.cairn.process;

import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A range of numeric IDs (ports, uids or gids) that unique IDs are taken from.
 *
 * @param min the lowest ID
 * @param max the highest ID
 */
public record IdPool(int min, int max) {
  /** Default pools: ports 5000–5999, uids and gids 2000–2999. */
  static final Map<String, IdPool> DEFAULTS =
      Map.of(
          "ports", new IdPool(5000, 5999),
          "uids", new IdPool(2000, 2999),
          "gids", new IdPool(2000, 2999));

  /** The kinds of IDs, each with a pool. */
  static final List<String> KINDS = List.of("ports", "uids", "gids");

  /** The keys of an ID pool. */
  static final List<String> KEYS = List.of("min", "max");

  /** Checks the range. */
  public IdPool {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException(
          "an ID pool needs 0 <= min <= max, got " + min + "–" + max);
    }
  }

  /** How many IDs it holds. */
  public int size() {
    return max - min + 1;
  }

  static Map<String, IdPool> parse(YamlMapReader model) throws YamlException {
    Map<String, IdPool> pools = new LinkedHashMap<>(DEFAULTS);
    var node = model.optionalMap("idPools", "'idPools'");
    if (node.isEmpty()) {
      return pools;
    }
    node.get().allowOnly(KINDS);
    for (YamlMap.Entry e : node.get().map().entries().values()) {
      YamlMapReader p = YamlMapReader.of(e.value(), "ID pool '" + e.key() + "'").allowOnly(KEYS);
      int min = p.requiredInt("min");
      int max = p.requiredInt("max");
      if (min < 0 || max < min) {
        throw new YamlException(
            p.location(),
            "ID pool '" + e.key() + "' needs 0 <= min <= max, got " + min + "–" + max);
      }
      pools.put(e.key(), new IdPool(min, max));
    }
    return pools;
  }
}
