package dev.cairn.activation;

import java.util.Map;

/** The {@code echo} module: writes the activity, component and container to the log; succeeds. */
final class EchoModule implements ActivationModule {
  @Override
  public String type() {
    return "echo";
  }

  @Override
  public void run(ActivationRequest r, ActivationContext ctx) throws ActivationException {
    ctx.log("Echo module: " + r.activity().dysnomiaName() + " service: " + r.component());
    ctx.log("Container: " + r.container().name());
    for (Map.Entry<String, String> e : r.moduleEnvironment().entrySet()) {
      ctx.log(e.getKey() + "=" + e.getValue());
    }
  }
}
