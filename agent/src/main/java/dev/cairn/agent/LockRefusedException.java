package dev.cairn.agent;

import java.util.List;
import java.util.Optional;

/** A target refused its lock: another deployment holds it, or a module said no. */
public final class LockRefusedException extends TargetException {
  private static final long serialVersionUID = 1L;

  /** With the reason, naming the holder or the refusing service. */
  public LockRefusedException(String target, String message) {
    super(target, message, Optional.empty(), List.of(), null);
  }
}
