package dev.cairn.process;

import java.util.List;
import java.util.Objects;

/**
 * An instantiated, checked processes model: every instance's description, in an order where each
 * instance comes after its dependencies.
 *
 * @param global the global parameters it was instantiated with
 * @param instances the instances, dependencies first
 */
public record ProcessesModel(GlobalParams global, List<Instance> instances) {
  /** Copies the list. */
  public ProcessesModel {
    Objects.requireNonNull(global, "global");
    instances = List.copyOf(instances);
  }

  /** The specs, dependencies first. */
  public List<ProcessSpec> specs() {
    return instances.stream().map(Instance::spec).toList();
  }
}
