package dev.cairn.process;

import dev.cairn.store.yaml.SourceLocation;
import dev.cairn.store.yaml.YamlMap;
import java.util.Map;

/**
 * What a constructor sees of one instance.
 *
 * @param name the instance name
 * @param location where the instance is declared
 * @param params the resolved parameters: {@code String}, {@code Integer}, {@code Boolean} or a
 *     {@code List<String>} of instance names
 * @param rawParams the instance's {@code params} map as written (for the generic constructor)
 * @param global the global parameters
 * @param others the resolved parameters of every instance, by name
 */
record Instantiation(
    String name,
    SourceLocation location,
    Map<String, Object> params,
    YamlMap rawParams,
    GlobalParams global,
    Map<String, Map<String, Object>> others) {
  Instantiation {
    params = Map.copyOf(params);
    others = Map.copyOf(others);
  }

  String string(String param) {
    return String.valueOf(params.get(param));
  }

  /** A parameter of another instance, such as a webapp's {@code port}. */
  Object paramOf(String instance, String param) {
    return others.getOrDefault(instance, Map.of()).get(param);
  }
}
