package dev.cairn.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdAssignmentsTest {
  @TempDir Path dir;

  private ProcessesFile model(String... names) throws Exception {
    StringBuilder y = new StringBuilder("idPools:\n  ports: {min: 6000, max: 6002}\ninstances:\n");
    for (String n : names) {
      y.append("  ")
          .append(n)
          .append(":\n    constructor: webapp\n")
          .append("    requiresUniqueIdsFor: [ports, uids]\n")
          .append("    params: {port: \"${{ ids.ports }}\"}\n");
    }
    return ProcessesFile.read(Files.writeString(dir.resolve("processes.yaml"), y.toString()));
  }

  @Test
  void assignmentsSurviveAddingAreFreedOnRemovalAndExhaustionIsClear() throws Exception {
    Path file = IdAssignments.fileFor(dir.resolve("processes.yaml"));
    IdAssignments first = IdAssignments.none().assign(model("b", "c"));
    first.save(file);
    assertThat(first.assignments().get("ports")).isEqualTo(Map.of("b", 6000, "c", 6001));

    IdAssignments added = IdAssignments.load(file).assign(model("a", "b", "c"));
    assertThat(added.assignments().get("ports")).isEqualTo(Map.of("a", 6002, "b", 6000, "c", 6001));
    assertThat(added.assignments().get("uids")).containsEntry("b", 2000);

    IdAssignments removed = added.assign(model("a", "c"));
    assertThat(removed.assignments().get("ports")).isEqualTo(Map.of("a", 6002, "c", 6001));
    IdAssignments reused = removed.assign(model("a", "c", "d"));
    assertThat(reused.assignments().get("ports")).containsEntry("d", 6000);

    assertThatThrownBy(() -> reused.assign(model("a", "c", "d", "e")))
        .isInstanceOf(ProcessException.class)
        .hasMessageContaining("ID pool 'ports' (6000–6002, 3 IDs) is exhausted")
        .hasMessageContaining("widen idPools.ports");
  }

  @Test
  void assignedIdsReachTheInstance() throws Exception {
    ProcessesFile f = model("a");
    IdAssignments ids = IdAssignments.none().assign(f);
    GlobalParams g = GlobalParams.derive(dir, Map.of(), true, "cairn", "tester");
    assertThat(f.instantiate(g, ids).specs().get(0).ports()).containsExactly(6000);
    assertThatThrownBy(() -> f.instantiate(g, IdAssignments.none()))
        .hasMessageContaining("run 'cairn proc ids");
  }
}
