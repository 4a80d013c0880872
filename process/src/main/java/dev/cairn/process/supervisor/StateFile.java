package dev.cairn.process.supervisor;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.process.GlobalParams;
import dev.cairn.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The supervisor's persistent state, so that a new supervisor (after the old one was killed) adopts
 * the processes still running instead of starting them twice: the desired processes and, for each
 * running one, its PID and start time (a PID alone could have been reused).
 */
final class StateFile {
  /**
   * One writer for every save: a copied mapper would learn the types' serializers anew each time.
   */
  private static final ObjectWriter WRITER =
      Protocol.JSON.writer().with(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  StateFile(Path file) {
    this.file = file;
  }

  /**
   * What is saved.
   *
   * @param global the deployment's global parameters, or null when nothing is deployed
   * @param processes the desired processes, dependencies first
   * @param running PID and start time by process name
   * @param stopped the processes stopped with {@code cairn proc stop}, which stay stopped until
   *     {@code cairn proc start} (null in the state of an older supervisor)
   */
  record State(
      GlobalParams global,
      List<ProcessSpec> processes,
      Map<String, Running> running,
      List<String> stopped) {}

  /**
   * A running process.
   *
   * @param pid its PID
   * @param startMillis its start time, epoch milliseconds
   */
  record Running(long pid, long startMillis) {}

  synchronized State load() throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    return Protocol.JSON.readValue(file.toFile(), State.class);
  }

  synchronized void save(State state) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, WRITER.writeValueAsBytes(state));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
