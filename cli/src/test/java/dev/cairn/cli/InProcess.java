package dev.cairn.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/** Runs a command in this JVM with standard output and error captured. */
final class InProcess {
  private InProcess() {}

  /** The exit code and what the command printed. */
  record Result(int exit, String out, String err) {}

  /** Runs {@code command}, capturing standard output and error. */
  static Result run(IntSupplier command) {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Result r = runErr(command);
      return new Result(r.exit(), out.toString(StandardCharsets.UTF_8), r.err());
    } finally {
      System.setOut(saved);
    }
  }

  /** Runs {@code command}, capturing standard error only (out is left empty). */
  static Result runErr(IntSupplier command) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = command.getAsInt();
      return new Result(exit, "", err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }
}
