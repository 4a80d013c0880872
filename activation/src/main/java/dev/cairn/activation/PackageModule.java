package dev.cairn.activation;

/**
 * The {@code package} module: the service is only installed in the target's profile; every activity
 * succeeds without doing anything.
 */
final class PackageModule implements ActivationModule {
  @Override
  public String type() {
    return "package";
  }

  @Override
  public void run(ActivationRequest r, ActivationContext ctx) {
    // Nothing to activate: being in the profile is all a package needs.
  }
}
