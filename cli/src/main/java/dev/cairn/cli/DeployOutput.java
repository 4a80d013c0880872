package dev.cairn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.deploy.DeployEvents;
import dev.cairn.deploy.DeployReport;
import dev.cairn.deploy.Manifest;
import dev.cairn.deploy.MappingEntry;
import dev.cairn.deploy.TransitionException;
import dev.cairn.store.Generation;
import dev.cairn.store.LocalStore;
import dev.cairn.store.StorePath;
import dev.cairn.store.build.BuildEvents;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code cairn deploy} talks: progress on stderr, the outcome on stdout (or as JSON). */
final class DeployOutput {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final PrintWriter err;
  private final LocalStore store;
  private final boolean json;

  DeployOutput(PrintWriter out, PrintWriter err, LocalStore store, boolean json) {
    this.out = out;
    this.err = err;
    this.store = store;
    this.json = json;
  }

  DeployEvents events() {
    return new DeployEvents() {
      @Override
      public void phase(String phase) {
        progress("[" + phase + "]");
      }

      @Override
      public void activity(String activity, String service, String target) {
        progress("  " + activity + " " + service + " on " + target);
      }

      @Override
      public void transferStarted(String target, int paths) {
        progress("  copying " + paths + " paths to " + target);
      }

      @Override
      public void transferProgress(String target, long bytes) {
        if (System.console() != null) {
          live("  " + target + ": " + Sizes.format(bytes) + " sent");
        }
      }

      @Override
      public void transferFinished(String target, int paths, long bytes, Duration took) {
        progress(
            String.format(
                "  copied %d paths to %s: %s in %.1f s",
                paths, target, Sizes.format(bytes), took.toMillis() / 1000.0));
      }

      @Override
      public void note(String message) {
        progress(message);
      }
    };
  }

  BuildEvents buildEvents() {
    return new BuildEvents() {
      @Override
      public void started(String recipe, StorePath path) {
        progress("  building " + store.print(path));
      }

      @Override
      public void finished(String recipe, StorePath path, Duration took) {
        progress(String.format("  built %s in %.1f s", path.name(), took.toMillis() / 1000.0));
      }
    };
  }

  private long lastLive;

  private synchronized void progress(String line) {
    if (lastLive != 0) {
      err.print("\r\033[K");
      lastLive = 0;
    }
    err.println(line);
    err.flush();
  }

  /** A line rewritten in place on a terminal, at most a few times a second. */
  private synchronized void live(String line) {
    long now = System.nanoTime();
    if (now - lastLive > 200_000_000L) {
      err.print("\r\033[K" + line);
      err.flush();
      lastLive = now;
    }
  }

  int report(DeployReport r) throws IOException {
    List<Map<String, String>> stop = describe(r.plan().from(), r.plan().deactivate());
    List<Map<String, String>> start = describe(r.plan().to(), r.plan().activate());
    int unchanged = r.plan().to().mappings().size() - r.plan().activate().size();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dryRun", r.dryRun());
      m.put("build", r.builds());
      m.put("stop", stop);
      m.put("start", start);
      m.put("unchanged", unchanged);
      m.put("generation", r.generation().orElse(null));
      m.put("bytesTransferred", r.bytesTransferred());
      out.println(JSON.writeValueAsString(m));
    } else if (!r.dryRun() && r.generation().isEmpty()) {
      out.println("nothing is deployed under this profile; nothing to do");
    } else {
      for (String b : r.builds()) {
        out.println((r.dryRun() ? "would build " : "built ") + b);
      }
      stop.forEach(s -> out.println((r.dryRun() ? "would stop  " : "stopped ") + line(s)));
      start.forEach(s -> out.println((r.dryRun() ? "would start " : "started ") + line(s)));
      if (r.bytesTransferred() > 0) {
        out.println("transferred " + Sizes.format(r.bytesTransferred()) + " to targets");
      }
      out.println(
          (r.dryRun()
                  ? "plan: "
                  : "deployed" + r.generation().map(g -> " generation " + g).orElse("") + ": ")
              + stop.size()
              + " to stop, "
              + start.size()
              + " to start, "
              + unchanged
              + " unchanged");
    }
    out.flush();
    return 0;
  }

  private static String line(Map<String, String> s) {
    return s.get("service") + " on " + s.get("target") + " (" + s.get("container") + ")";
  }

  private static List<Map<String, String>> describe(Manifest m, List<MappingEntry> mappings) {
    List<Map<String, String>> list = new ArrayList<>();
    for (MappingEntry e : mappings) {
      Map<String, String> d = new LinkedHashMap<>();
      d.put("service", m.services().get(e.service()).name());
      d.put("target", e.target());
      d.put("container", e.container());
      d.put("pkg", m.services().get(e.service()).pkg());
      list.add(d);
    }
    list.sort(
        java.util.Comparator.comparing((Map<String, String> d) -> d.get("service"))
            .thenComparing(d -> d.get("target")));
    return list;
  }

  void failure(TransitionException e) {
    err.println("error: " + e.getMessage());
    e.details().forEach(err::println);
    err.println(
        e.rolledBack() ? "rolled back: the previous configuration runs" : "NOT rolled back");
    err.flush();
  }

  int generations(String profile, List<Generation> gens) throws IOException {
    if (json) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Generation g : gens) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generation", g.number());
        m.put("manifest", store.print(g.path()));
        m.put("created", g.created().getEpochSecond());
        m.put("current", g.current());
        list.add(m);
      }
      out.println(JSON.writeValueAsString(list));
    } else if (gens.isEmpty()) {
      err.println(
          "no deployment of profile '"
              + profile
              + "' is recorded under "
              + store.layout().root()
              + " yet");
      err.flush();
    } else {
      for (Generation g : gens) {
        out.println(ProfileCommand.row(store, g));
      }
    }
    out.flush();
    return 0;
  }
}
