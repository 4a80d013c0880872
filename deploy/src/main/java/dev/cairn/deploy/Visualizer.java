package dev.cairn.deploy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws a manifest as Graphviz DOT, as disnix-visualize does: a cluster per target holding a
 * cluster per container, a node per mapping, {@code dependsOn} as solid edges and {@code
 * connectsTo} as dashed ones; services that provide containers have a double border.
 */
public final class Visualizer {
  private Visualizer() {}

  /** Returns the DOT text of {@code manifest}. */
  public static String dot(Manifest manifest) {
    StringBuilder b = new StringBuilder("digraph G {\n");
    b.append("  rankdir=LR;\n  node [shape=box, style=rounded];\n");
    Map<String, Map<String, List<MappingEntry>>> byTarget = new TreeMap<>();
    for (MappingEntry m : manifest.mappings()) {
      byTarget
          .computeIfAbsent(m.target(), k -> new TreeMap<>())
          .computeIfAbsent(m.container(), k -> new java.util.ArrayList<>())
          .add(m);
    }
    int cluster = 0;
    for (var t : byTarget.entrySet()) {
      b.append("  subgraph cluster_").append(cluster++).append(" {\n");
      b.append("    label=").append(quote(t.getKey())).append(";\n");
      for (var c : t.getValue().entrySet()) {
        b.append("    subgraph cluster_").append(cluster++).append(" {\n");
        b.append("      label=").append(quote(c.getKey())).append("; style=dashed;\n");
        for (MappingEntry m : c.getValue()) {
          ServiceEntry s = manifest.services().get(m.service());
          b.append("      ").append(node(m)).append(" [label=").append(quote(s.name()));
          if (!s.providesContainers().isEmpty()) {
            b.append(", peripheries=2");
          }
          b.append("];\n");
        }
        b.append("    }\n");
      }
      b.append("  }\n");
    }
    edges(manifest, b);
    return b.append("}\n").toString();
  }

  private static void edges(Manifest manifest, StringBuilder b) {
    for (MappingEntry from : manifest.mappings()) {
      ServiceEntry s = manifest.services().get(from.service());
      for (MappingEntry to : manifest.mappings()) {
        ServiceEntry d = manifest.services().get(to.service());
        if (s.dependsOn().contains(to.service())) {
          b.append("  ").append(node(from)).append(" -> ").append(node(to)).append(";\n");
        } else if (s.connectsTo().contains(d.name())) {
          b.append("  ")
              .append(node(from))
              .append(" -> ")
              .append(node(to))
              .append(" [style=dashed];\n");
        }
      }
    }
  }

  private static String node(MappingEntry m) {
    return quote(m.key());
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
