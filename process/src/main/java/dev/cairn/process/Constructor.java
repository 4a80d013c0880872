package dev.cairn.process;

import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import java.util.List;

/**
 * A parameterised process description: the counterpart of the seeds' constructor functions. An
 * instance supplies typed parameters; the constructor returns the agnostic description (still
 * holding {@code ${{ … }}} placeholders, substituted afterwards).
 */
interface Constructor {
  /** The name instances refer to. */
  String name();

  /** Its parameters, or null when any description key is a parameter (the generic constructor). */
  List<ParamSpec> params();

  /** The description for one instance. */
  YamlMap describe(Instantiation instance) throws YamlException;
}
