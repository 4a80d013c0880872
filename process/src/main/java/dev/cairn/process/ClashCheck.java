package dev.cairn.process;

import dev.cairn.store.yaml.YamlException;
import java.util.HashMap;
import java.util.Map;

/**
 * Rejects two instances that would share a port or a PID file: such instances could not coexist,
 * and the error names both with their locations before anything starts.
 */
final class ClashCheck {
  private final Map<String, Instance> claimed = new HashMap<>();

  void check(Iterable<Instance> instances) throws YamlException {
    for (Instance i : instances) {
      for (int port : i.spec().ports()) {
        claim("port " + port, i, "give each instance its own port");
      }
      if (i.spec().pidFile() != null) {
        claim("PID file '" + i.spec().pidFile() + "'", i, "derive it from the instance name");
      }
    }
  }

  private void claim(String resource, Instance i, String fix) throws YamlException {
    Instance earlier = claimed.putIfAbsent(resource, i);
    if (earlier != null && earlier != i) {
      throw new YamlException(
          i.location(),
          "instance '"
              + i.name()
              + "' ("
              + i.location()
              + ") and instance '"
              + earlier.name()
              + "' ("
              + earlier.location()
              + ") both use "
              + resource
              + "; "
              + fix);
    }
  }
}
