package dev.cairn.agent;

import dev.cairn.store.GcReport;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

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

  /** Returns which of {@code paths} are not valid in the target's store. */
  Set<StorePath> queryMissing(Collection<StorePath> paths) throws IOException;

  /**
   * Copies {@code paths} from {@code source} into the target's store. Together with the paths
   * already valid there they must be closed under references (send a closure's missing part). The
   * target checks each path's NAR hash and registers nothing unless all arrive intact.
   *
   * @param progress told the bytes sent so far, as they go
   * @return the bytes put on the wire (0 when the target shares {@code source})
   * @throws TargetException naming the target if the transfer fails or a path arrives damaged;
   *     nothing of it is registered then
   */
  long importClosure(LocalStore source, Collection<StorePath> paths, LongConsumer progress)
      throws IOException;

  /**
   * Deletes the target's garbage: store paths no root reaches. With {@code deleteOld} the old
   * generations of the target's profiles go first, as {@code nix-collect-garbage -d}.
   */
  GcReport collectGarbage(boolean deleteOld) throws IOException;

  /**
   * Returns the target's configuration as it reports it: its properties and containers, platform
   * and cores ({@code cairn capture-infra}).
   *
   * @throws IOException naming a configuration file that cannot be read
   */
  TargetConfig captureConfig() throws IOException;

  @Override
  void close() throws IOException;
}
