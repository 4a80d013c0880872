package dev.cairn.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LSB init scripts: start (as a daemon with its PID file, or a foreground program put in the
 * background in a session of its own), stop (the whole process group, SIGTERM then SIGKILL), status
 * and restart.
 */
final class InitScripts {
  private InitScripts() {}

  static String script(GlobalParams g, ProcessSpec p, List<String> deps) {
    String pidFile = Launch.pidFile(p, g).toString();
    String log = Launch.logFile(p, g).toString();
    boolean daemon = p.canDaemonise();
    List<String> argv = new ArrayList<>(Launch.command(p, g, daemon));
    StringBuilder s = new StringBuilder("#!/bin/bash\n");
    s.append("### BEGIN INIT INFO\n# Provides: ").append(p.name()).append('\n');
    s.append("# Required-Start: ").append(String.join(" ", deps)).append('\n');
    s.append("# Required-Stop: ").append(String.join(" ", deps)).append('\n');
    s.append("# Default-Start: ").append(p.managerOptions().getOrDefault("runlevels", "3 4 5"));
    s.append("\n# Default-Stop: 0 1 6\n# Short-Description: ").append(p.description());
    s.append("\n### END INIT INFO\n");
    s.append("PIDFILE=").append(Launch.shellQuote(pidFile)).append('\n');
    s.append("LOGFILE=").append(Launch.shellQuote(log)).append('\n');
    s.append("STOP_TIMEOUT=").append(Math.max(1, p.stopTimeoutMillis() / 1000)).append('\n');
    for (Map.Entry<String, String> e : Launch.environment(p).entrySet()) {
      s.append("export ").append(e.getKey()).append('=').append(Launch.shellQuote(e.getValue()));
      s.append('\n');
    }
    s.append(
        "\nrunning() { [ -f \"$PIDFILE\" ] && kill -0 \"$(cat \"$PIDFILE\")\" 2>/dev/null; }\n");
    s.append("\nstart() {\n  if running; then echo \"").append(p.name());
    s.append(" is already running\"; return 0; fi\n");
    s.append("  mkdir -p ").append(Launch.shellQuote(g.logDir().toString())).append(' ');
    s.append(Launch.shellQuote(g.runtimeDir().toString())).append(' ');
    s.append(Launch.shellQuote(g.tmpDir().toString())).append('\n');
    if (p.initialize() != null) {
      s.append("  ( ").append(p.initialize()).append(" ) >>\"$LOGFILE\" 2>&1 || return 1\n");
    }
    s.append("  cd ")
        .append(Launch.shellQuote(Launch.directory(p).toString()))
        .append(" || return 1\n");
    if (daemon) {
      s.append("  rm -f \"$PIDFILE\"\n  setsid ").append(Launch.shellLine(argv));
      s.append(" >>\"$LOGFILE\" 2>&1 </dev/null || return 1\n");
      s.append("  for _ in $(seq 300); do [ -s \"$PIDFILE\" ] && return 0; sleep 0.1; done\n");
      s.append("  echo \"no PID file $PIDFILE after 30 s\" >&2; return 1\n}\n");
    } else {
      s.append("  setsid ").append(Launch.shellLine(argv));
      s.append(" >>\"$LOGFILE\" 2>&1 </dev/null &\n  echo $! >\"$PIDFILE\"\n}\n");
    }
    s.append(
        """

        stop() {
          running || { rm -f "$PIDFILE"; return 0; }
          pid=$(cat "$PIDFILE")
          kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
          for _ in $(seq $((STOP_TIMEOUT * 10))); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
          done
          kill -KILL -- "-$pid" 2>/dev/null
          rm -f "$PIDFILE"
        }

        case "$1" in
          start) start ;;
          stop) stop ;;
          restart) stop && start ;;
          status) if running; then echo "running $(cat "$PIDFILE")"; else echo stopped; exit 3; fi ;;
          *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
        esac
        """);
    return s.toString();
  }
}
