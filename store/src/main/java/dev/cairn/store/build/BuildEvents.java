package dev.cairn.store.build;

import dev.cairn.store.StorePath;
import java.time.Duration;

/** What a build reports as it goes; the command line turns it into progress lines. */
public interface BuildEvents {
  /** Reports nothing. */
  BuildEvents NONE = new BuildEvents() {};

  /** A recipe's output is valid already. */
  default void present(String recipe, StorePath out) {}

  /** A recipe starts building. */
  default void started(String recipe, StorePath out) {}

  /** A recipe has built. */
  default void finished(String recipe, StorePath out, Duration took) {}
}
