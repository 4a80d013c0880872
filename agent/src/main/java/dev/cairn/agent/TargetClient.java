package dev.cairn.agent;

import dev.cairn.store.StorePath;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The operations a coordinator performs on one target, whatever the transport: in-process for the
 * local machine, or an agent at the other end of SSH or HTTPS. Implementations are safe to call
 * from several threads (activations on one target run in parallel up to its cores).
 */
public interface TargetClient extends AutoCloseable {
  /** Returns the target's name in the infrastructure model. */
  String target();

  /**
   * Locks {@code profile} on the target for one deployment: runs the {@code lock} activity of every
   * installed mapping (a module may refuse), then takes the target's deployment lock.
   *
   * @throws LockRefusedException if a module refuses or another deployment holds the lock, naming
   *     it; nothing stays locked then
   */
  void lock(String profile, List<MappingActivation> installed) throws IOException;

  /** Releases the lock and runs the {@code unlock} activity of every installed mapping. */
  void unlock(String profile, List<MappingActivation> installed) throws IOException;

  /**
   * Activates one mapping; idempotent.
   *
   * @throws TargetException with the activity's log if it fails
   */
  void activate(MappingActivation mapping) throws IOException;

  /**
   * Deactivates one mapping; idempotent.
   *
   * @throws TargetException with the activity's log if it fails
   */
  void deactivate(MappingActivation mapping) throws IOException;

  /** Points the target's {@code profile} at {@code path} (a new generation when it differs). */
  void setProfile(String profile, StorePath path) throws IOException;

  /** Returns what the target's {@code profile} points to, if anything. */
  Optional<StorePath> queryProfile(String profile) throws IOException;

  @Override
  void close() throws IOException;
}
