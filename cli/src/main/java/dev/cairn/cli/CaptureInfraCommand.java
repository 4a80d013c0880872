package dev.cairn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.cairn.agent.TargetClient;
import dev.cairn.agent.TargetConfig;
import dev.cairn.deploy.TargetConnector;
import dev.cairn.deploy.TargetEntry;
import dev.cairn.store.LocalStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn capture-infra}: disnix-capture-infra's counterpart. Each target's own report (its
 * {@code properties} and {@code containers/*} files, platform and cores) is laid over what the
 * bootstrap model says of it, so the addresses and transports carry over and the output deploys as
 * it is.
 */
@Command(
    name = "capture-infra",
    mixinStandardHelpOptions = true,
    description =
        "Ask the targets of a bootstrap infrastructure model (their addresses and client"
            + " interfaces) for their properties and containers, and print the infrastructure"
            + " model they make (YAML).")
final class CaptureInfraCommand extends StoreTask {
  @Parameters(paramLabel = "BOOTSTRAP", description = "Infrastructure model naming the targets.")
  Path bootstrap;

  @Mixin InterfaceOption defaultInterface;

  @Mixin TransportOptions transport;

  @Override
  int run(LocalStore store) throws IOException {
    TargetConnector connector = Targets.connector(store, Duration.ofMinutes(5), transport);
    Map<String, Object> model = new LinkedHashMap<>();
    List<TargetEntry> targets = RemoteTargets.read(bootstrap, defaultInterface.resolved());
    for (TargetEntry t : targets) {
      try (TargetClient c = connector.connect(t)) {
        model.put(t.name(), captured(t, c.captureConfig()));
      }
    }
    ObjectMapper yaml =
        new ObjectMapper(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
    out().println("# Captured by cairn capture-infra from " + bootstrap.getFileName());
    out().print(yaml.writeValueAsString(model));
    out().flush();
    return 0;
  }

  private static Map<String, Object> captured(TargetEntry t, TargetConfig c) {
    Map<String, Object> properties = new TreeMap<>(t.properties());
    properties.putAll(c.properties());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("properties", properties);
    if (!c.containers().isEmpty()) {
      out.put("containers", c.containers());
    }
    out.put("system", c.system());
    out.put("numOfCores", c.numOfCores());
    out.put("clientInterface", t.clientInterface());
    if (t.targetProperty() != null) {
      out.put("targetProperty", t.targetProperty());
    }
    return out;
  }
}
