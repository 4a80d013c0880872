package dev.cairn.cli;

import dev.cairn.process.ProcessException;
import dev.cairn.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
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
    return report(e, cl.getErr());
  }

  /** Tells {@code err} what failed, as a command's failure is told; returns the exit code. */
  int report(Exception e, PrintWriter err) {
    Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
    if (main.stacktrace) {
      cause.printStackTrace(err);
    }
    if (cause instanceof StoreException || cause instanceof ProcessException) {
      err.println("error: " + cause.getMessage());
      return FAILED;
    }
    if (cause instanceof InvalidPathException invalid) { // a path argument a command converts
      err.println("error: " + Main.pathError(invalid));
      return FAILED;
    }
    if (cause instanceof IOException) {
      err.println("error: " + cause);
      if (!main.stacktrace) {
        err.println("(run again with --stacktrace for details)");
      }
      return FAILED;
    }
    err.println("internal error: " + cause);
    if (!main.stacktrace) {
      err.println("(a bug in cairn; run again with --stacktrace and report it)");
    }
    return INTERNAL;
  }
}
