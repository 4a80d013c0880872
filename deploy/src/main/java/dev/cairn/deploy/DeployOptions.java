package dev.cairn.deploy;

import dev.cairn.store.build.BuildOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How to deploy.
 *
 * @param profile the deployment's profile name
 * @param lock whether to lock the targets (--no-lock turns it off)
 * @param upgrade whether to compare with the previous deployment (--no-upgrade activates everything
 *     again, deactivating nothing)
 * @param build how to build packages
 * @param activityTimeout the bound on one activity on a target
 */
public record DeployOptions(
    String profile, boolean lock, boolean upgrade, BuildOptions build, Duration activityTimeout) {
  /** Checks for nulls. */
  public DeployOptions {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(activityTimeout, "activityTimeout");
  }

  /** The defaults for {@code profile}. */
  public static DeployOptions defaults(String profile) {
    return new DeployOptions(profile, true, true, BuildOptions.defaults(), Duration.ofMinutes(5));
  }
}
