package dev.cairn.store;

import java.io.IOException;

/** The held lock of one store path; closing releases it. */
@FunctionalInterface
public interface PathLock extends AutoCloseable {
  @Override
  void close() throws IOException;
}
