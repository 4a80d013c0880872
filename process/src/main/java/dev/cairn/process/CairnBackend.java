package dev.cairn.process;

import dev.cairn.process.supervisor.SupervisorClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The embedded supervisor: the profile's processes are handed to the deployment's daemon. */
final class CairnBackend implements Backend {
  @Override
  public void generate(GlobalParams global, List<ProcessSpec> processes, Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("cairn"));
    Files.writeString(
        dir.resolve("cairn/README"),
        "The embedded supervisor reads the processes of profile.json; it needs no other file.\n");
  }

  @Override
  public List<ProcessStatus> apply(
      Optional<ProfileDocument> old, ProfileDocument next, Plan plan, long timeoutMillis)
      throws IOException {
    SupervisorClient client = new SupervisorClient(next.global());
    if (next.processes().isEmpty()) {
      client.shutdown();
      return List.of();
    }
    return client.apply(next.global(), next.processes(), timeoutMillis);
  }

  @Override
  public List<ProcessStatus> control(
      ProfileDocument doc, String op, String name, long timeoutMillis) throws IOException {
    return new SupervisorClient(doc.global()).control(op, name, timeoutMillis);
  }
}
