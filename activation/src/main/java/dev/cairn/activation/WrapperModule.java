package dev.cairn.activation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code wrapper} module: the component carries its own activation logic as {@code
 * bin/wrapper}, called for every activity as {@code bin/wrapper ACTIVITY CONTAINER} (Dysnomia
 * passes the container too) with the environment external modules get.
 */
final class WrapperModule implements ActivationModule {
  @Override
  public String type() {
    return "wrapper";
  }

  @Override
  public void run(ActivationRequest r, ActivationContext ctx) throws ActivationException {
    Path wrapper = r.component().resolve("bin").resolve("wrapper");
    if (!Files.isExecutable(wrapper)) {
      throw new ActivationException(
          "'" + wrapper + "' is missing or not executable; a wrapper component must provide it");
    }
    ExternalModule.call(
        r, ctx, List.of(wrapper.toString(), r.activity().dysnomiaName(), r.container().name()));
  }
}
