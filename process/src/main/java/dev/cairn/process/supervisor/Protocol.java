package dev.cairn.process.supervisor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.process.GlobalParams;
import dev.cairn.process.ProcessSpec;
import dev.cairn.process.ProcessStatus;
import java.util.List;

/** The control socket's messages: one JSON request line, one JSON response line. */
final class Protocol {
  static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Protocol() {}

  /**
   * A request.
   *
   * @param op {@code ping}, {@code apply}, {@code status}, {@code start}, {@code stop}, {@code
   *     restart} or {@code shutdown}
   * @param global the deployment's global parameters ({@code apply})
   * @param processes the desired processes, dependencies first ({@code apply})
   * @param name the process ({@code start}, {@code stop}, {@code restart})
   * @param timeoutMillis how long to wait for readiness
   */
  record Request(
      String op,
      GlobalParams global,
      List<ProcessSpec> processes,
      String name,
      long timeoutMillis) {}

  /**
   * A response.
   *
   * @param ok whether the request succeeded
   * @param error what went wrong, or null
   * @param statuses the processes afterwards
   * @param pid the supervisor's PID
   */
  record Response(boolean ok, String error, List<ProcessStatus> statuses, long pid) {}
}
