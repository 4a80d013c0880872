package dev.cairn.deploy;

import java.util.List;
import java.util.Optional;

/**
 * What a deployment did, or — for a dry run — would do.
 *
 * @param plan the transition
 * @param builds the packages that were (or would be) built, as store paths
 * @param generation the coordinator generation afterwards; empty for a dry run
 * @param dryRun whether nothing was changed
 */
public record DeployReport(
    TransitionPlan plan, List<String> builds, Optional<Integer> generation, boolean dryRun) {
  /** Copies the list. */
  public DeployReport {
    builds = List.copyOf(builds);
  }
}
