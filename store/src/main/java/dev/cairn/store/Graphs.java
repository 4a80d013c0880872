package dev.cairn.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Walks the reference graph: closures and orders where references come first. */
final class Graphs {
  private Graphs() {}

  /** Returns the closure of {@code roots}, every path after those it refers to. */
  static List<StorePath> closureTopological(
      Map<StorePath, List<StorePath>> graph, Collection<StorePath> roots) {
    List<StorePath> order = new ArrayList<>();
    Set<StorePath> done = new HashSet<>();
    for (StorePath root : new TreeSet<>(roots)) {
      visit(graph, root, done, order);
    }
    return order;
  }

  /** Orders {@code paths} (not their closure) so that references come first. */
  static List<StorePath> sortTopological(
      Map<StorePath, List<StorePath>> graph, Collection<StorePath> paths) {
    Set<StorePath> wanted = new HashSet<>(paths);
    List<StorePath> order = new ArrayList<>();
    for (StorePath p : closureTopological(graph, paths)) {
      if (wanted.contains(p)) {
        order.add(p);
      }
    }
    return order;
  }

  /** Returns every path reachable from {@code roots}. */
  static Set<StorePath> reachable(
      Map<StorePath, List<StorePath>> graph, Collection<StorePath> roots) {
    Set<StorePath> seen = new HashSet<>();
    Deque<StorePath> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      StorePath p = todo.pop();
      if (seen.add(p)) {
        todo.addAll(graph.getOrDefault(p, List.of()));
      }
    }
    return seen;
  }

  /** Iterative post-order depth-first search, so deep chains cannot overflow the stack. */
  private static void visit(
      Map<StorePath, List<StorePath>> graph,
      StorePath root,
      Set<StorePath> done,
      List<StorePath> order) {
    if (done.contains(root)) {
      return;
    }
    Deque<Frame> stack = new ArrayDeque<>();
    Set<StorePath> onStack = new HashSet<>();
    stack.push(new Frame(root, sortedRefs(graph, root)));
    onStack.add(root);
    while (!stack.isEmpty()) {
      Frame frame = stack.peek();
      if (frame.next < frame.refs.size()) {
        StorePath next = frame.refs.get(frame.next++);
        if (!done.contains(next) && onStack.add(next)) {
          stack.push(new Frame(next, sortedRefs(graph, next)));
        }
      } else {
        stack.pop();
        onStack.remove(frame.path);
        done.add(frame.path);
        order.add(frame.path);
      }
    }
  }

  /** A path being visited, and how far through its references the walk is. */
  private static final class Frame {
    final StorePath path;
    final List<StorePath> refs;
    int next;

    Frame(StorePath path, List<StorePath> refs) {
      this.path = path;
      this.refs = refs;
    }
  }

  private static List<StorePath> sortedRefs(Map<StorePath, List<StorePath>> graph, StorePath p) {
    return new ArrayList<>(new TreeSet<>(graph.getOrDefault(p, List.of())));
  }
}
