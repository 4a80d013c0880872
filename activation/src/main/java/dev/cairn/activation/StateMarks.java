package dev.cairn.activation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Dysnomia's state marks under the state directory: {@code activated/<container>/<component>} while
 * a component's state is in use, {@code garbage/<container>/<component>} once deactivated. Only
 * collect-garbage deletes state, and only state marked as garbage.
 */
final class StateMarks {
  private final Path activated;
  private final Path garbage;

  StateMarks(ActivationRequest r) {
    String component = ActivationRequest.componentName(r.component());
    this.activated =
        r.stateDir().resolve("activated").resolve(r.container().name()).resolve(component);
    this.garbage = r.stateDir().resolve("garbage").resolve(r.container().name()).resolve(component);
  }

  /** Marks the state active, taking it back from the garbage if it was there. */
  void markActive() throws ActivationException {
    try {
      Files.createDirectories(activated.getParent());
      if (Files.exists(garbage)) {
        Files.move(garbage, activated, StandardCopyOption.REPLACE_EXISTING);
      } else if (!Files.exists(activated)) {
        Files.createFile(activated);
      }
    } catch (IOException e) {
      throw fail(e);
    }
  }

  /** Marks active state as garbage; state that was never activated stays unmarked. */
  void markGarbage() throws ActivationException {
    try {
      if (Files.exists(activated)) {
        Files.createDirectories(garbage.getParent());
        Files.move(activated, garbage, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw fail(e);
    }
  }

  boolean isGarbage() {
    return Files.exists(garbage);
  }

  void unmarkGarbage() throws ActivationException {
    try {
      Files.deleteIfExists(garbage);
    } catch (IOException e) {
      throw fail(e);
    }
  }

  private ActivationException fail(IOException e) {
    return new ActivationException("Cannot update the state mark " + activated + ": " + e, e);
  }
}
