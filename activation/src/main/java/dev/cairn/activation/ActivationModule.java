package dev.cairn.activation;

/**
 * An activation module implemented in Java: it performs the activities of one {@link
 * ActivationRequest#type() type}. Implementations must be idempotent (activating an active service
 * or deactivating a stopped one succeeds and changes nothing), must succeed on activities they do
 * not handle, and must not block beyond {@link ActivationContext#deadline()}.
 */
public interface ActivationModule {
  /** The type name requests use to select this module, e.g. {@code process}. */
  String type();

  /**
   * Performs {@code request.activity()}.
   *
   * @param request what to do, to which component, in which container
   * @param context the activity's log and deadline
   * @throws LockRefusedException if the activity is {@link Activity#LOCK} and the service refuses
   *     the upgrade
   * @throws ActivationException if the activity failed; the message says what went wrong
   */
  void run(ActivationRequest request, ActivationContext context) throws ActivationException;
}
