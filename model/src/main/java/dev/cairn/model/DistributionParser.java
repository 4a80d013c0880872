package dev.cairn.model;

import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.Suggestions;
import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlList;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import dev.cairn.store.yaml.YamlValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the distribution model, in either of Disnix's forms, checking every service and target
 * name: {@code service: [target, …]} or {@code service: {targets: [{target, container}, …]}}.
 */
final class DistributionParser {
  /** The keys of the map form. */
  static final List<String> KEYS = List.of("targets");

  /** The keys of one entry of {@code targets}. */
  static final List<String> ENTRY_KEYS = List.of("target", "container");

  /** A distribution entry as written; {@code container} empty means "after the type". */
  record Entry(
      String service,
      String target,
      Optional<String> container,
      SourceLocation location,
      Optional<SourceLocation> containerLocation) {}

  private DistributionParser() {}

  static List<Entry> parse(
      YamlNode node, Set<String> services, Set<String> targets, boolean topLevel)
      throws YamlException {
    YamlMap map = YamlValues.map(node, "the distribution model (service name -> targets)");
    List<Entry> out = new ArrayList<>();
    for (YamlMap.Entry e : map.entries().values()) {
      if (topLevel && e.key().equals(ModelLoader.SCHEMA_KEY)) {
        continue;
      }
      if (!services.contains(e.key())) {
        throw new YamlException(
            e.keyLocation(),
            "the distribution names service '"
                + e.key()
                + "', which is not in the services model"
                + available(e.key(), services, "services"));
      }
      service(e, targets, out);
    }
    checkDuplicates(out);
    return out;
  }

  private static void service(YamlMap.Entry e, Set<String> targets, List<Entry> out)
      throws YamlException {
    String what = "the distribution of service '" + e.key() + "'";
    YamlNode value = e.value();
    if (value instanceof YamlScalar s && s.kind() == YamlScalar.Kind.NULL) {
      return;
    }
    if (value instanceof YamlMap) {
      YamlMapReader r = YamlMapReader.of(value, what).allowOnly(KEYS);
      value = r.required("targets");
      what = r.what("targets");
    }
    YamlList list =
        value instanceof YamlList l
            ? l
            : (YamlList)
                fail(value, what, "a list of target names, or {targets: [{target, container}]}");
    for (YamlNode item : list.items()) {
      out.add(entry(e.key(), item, targets, what));
    }
  }

  private static Entry entry(String service, YamlNode item, Set<String> targets, String what)
      throws YamlException {
    YamlNode targetNode = item;
    Optional<String> container = Optional.empty();
    Optional<SourceLocation> containerLocation = Optional.empty();
    if (item instanceof YamlMap) {
      YamlMapReader r = YamlMapReader.of(item, "an entry of " + what).allowOnly(ENTRY_KEYS);
      targetNode = r.required("target");
      container = r.optionalString("container");
      containerLocation = r.optional("container").map(YamlNode::location);
      if (container.isPresent() && container.get().isEmpty()) {
        throw r.error("container", r.what("container") + " cannot be empty");
      }
    } else if (!(item instanceof YamlScalar)) {
      fail(item, "each of " + what, "a target name or {target, container}");
    }
    String target = YamlValues.string(targetNode, "a target of " + what);
    if (!targets.contains(target)) {
      throw new YamlException(
          targetNode.location(),
          "service '"
              + service
              + "' is distributed to target '"
              + target
              + "', which is not in the infrastructure model"
              + available(target, targets, "targets"));
    }
    return new Entry(service, target, container, targetNode.location(), containerLocation);
  }

  private static void checkDuplicates(List<Entry> entries) throws YamlException {
    Map<List<String>, Entry> seen = new HashMap<>();
    for (Entry e : entries) {
      List<String> key = List.of(e.service(), e.target(), e.container().orElse(""));
      Entry earlier = seen.putIfAbsent(key, e);
      if (earlier != null) {
        throw new YamlException(
            e.location(),
            "service '"
                + e.service()
                + "' is distributed to target '"
                + e.target()
                + "' twice (first at "
                + earlier.location()
                + "); remove one");
      }
    }
  }

  private static YamlNode fail(YamlNode node, String what, String expected) throws YamlException {
    throw YamlValues.wrongType(node, what, expected);
  }

  static String available(String typed, Collection<String> names, String kind) {
    if (names.isEmpty()) {
      return "; there are no " + kind;
    }
    String suggestion =
        Suggestions.closest(typed, names).map(s -> "; did you mean '" + s + "'?").orElse(";");
    return suggestion + " " + kind + ": " + String.join(", ", names);
  }
}
