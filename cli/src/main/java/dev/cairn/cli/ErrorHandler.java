package dev.cairn.cli;

import dev.cairn.process.ProcessException;
import dev.cairn.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one line on stderr and an exit code: 1 for a failed operation whose message
 * says what to do, 3 for an unexpected failure. Stack traces only with --stacktrace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  static final int FAILED = 1;
  static final int INTERNAL = 3;

  private final Main main;

  ErrorHandler(Main main) {
    this.main = main;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
    Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
    if (main.stacktrace) {
      cause.printStackTrace(cl.getErr());
    }
    if (cause instanceof StoreException || cause instanceof ProcessException) {
      cl.getErr().println("error: " + cause.getMessage());
      return FAILED;
    }
    if (cause instanceof IOException) {
      cl.getErr().println("error: " + cause);
      if (!main.stacktrace) {
        cl.getErr().println("(run again with --stacktrace for details)");
      }
      return FAILED;
    }
    cl.getErr().println("internal error: " + cause);
    if (!main.stacktrace) {
      cl.getErr().println("(a bug in cairn; run again with --stacktrace and report it)");
    }
    return INTERNAL;
  }
}
