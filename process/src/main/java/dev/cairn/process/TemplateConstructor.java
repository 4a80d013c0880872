package dev.cairn.process;

import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlMapReader;
import dev.cairn.store.yaml.YamlNode;
import dev.cairn.store.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;

/**
 * A constructor written in YAML: typed parameters and a description template whose placeholders
 * refer to {@code params.X}, {@code global.X}, {@code instanceName} and {@code ids.X}.
 */
final class TemplateConstructor implements Constructor {
  /** The keys of a constructor. */
  static final List<String> KEYS = List.of("description", "params", "process");

  /** The keys of a parameter written as a map. */
  static final List<String> PARAM_KEYS = List.of("type", "default");

  private final String name;
  private final List<ParamSpec> params;
  private final YamlMap template;

  private TemplateConstructor(String name, List<ParamSpec> params, YamlMap template) {
    this.name = name;
    this.params = List.copyOf(params);
    this.template = template;
  }

  /** Reads {@code {description, params, process}}. */
  static TemplateConstructor parse(String name, YamlNode node) throws YamlException {
    YamlMapReader r = YamlMapReader.of(node, "constructor '" + name + "'").allowOnly(KEYS);
    List<ParamSpec> params = new ArrayList<>();
    var declared = r.optionalMap("params", "'params' of constructor '" + name + "'");
    if (declared.isPresent()) {
      for (YamlMap.Entry e : declared.get().map().entries().values()) {
        params.add(param(name, e));
      }
    }
    YamlMap template = r.requiredMap("process", r.what("process")).map();
    return new TemplateConstructor(name, params, template);
  }

  private static ParamSpec param(String constructor, YamlMap.Entry e) throws YamlException {
    String what = "parameter '" + e.key() + "' of constructor '" + constructor + "'";
    String typeText;
    YamlNode defaultValue = null;
    if (e.value() instanceof YamlScalar s) {
      typeText = s.text();
    } else {
      YamlMapReader p = YamlMapReader.of(e.value(), what).allowOnly(PARAM_KEYS);
      typeText = p.optionalString("type").orElse("string");
      defaultValue = p.optional("default").orElse(null);
    }
    ParamSpec.Type type = ParamSpec.Type.parse(typeText);
    if (type == null) {
      throw new YamlException(
          e.value().location(),
          "type '"
              + typeText
              + "' of "
              + what
              + " is unknown; use string, int, bool, instance or instances");
    }
    return new ParamSpec(e.key(), type, defaultValue, e.keyLocation());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<ParamSpec> params() {
    return params;
  }

  @Override
  public YamlMap describe(Instantiation instance) {
    return template;
  }
}
