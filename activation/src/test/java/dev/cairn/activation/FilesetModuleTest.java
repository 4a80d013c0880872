package dev.cairn.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dysnomia's fileset module: links, mutable directories, state rules and snapshots. */
class FilesetModuleTest {
  @TempDir Path tmp;

  @Test
  void followsDysnomiasStateRules() throws Exception {
    Path component = Files.createDirectories(tmp.resolve("fileset"));
    Scripts.bash(component.resolve("bin/showfiles"), "ls");
    Path target = tmp.resolve("srv/fileset");
    Files.writeString(component.resolve(".dysnomia-targetdir"), target + "\n");
    Files.writeString(
        component.resolve(".dysnomia-fileset"),
        "symlink " + component.resolve("bin") + "\ntarget .\nmkdir files\nmkdir data/db\n");
    Activator a = Activator.create(List.of());
    ActivationRequest r =
        ActivationRequest.of(Activity.ACTIVATE, "fileset", component, tmp.resolve("state"));

    a.run(r);
    a.run(r); // idempotent
    assertThat(Files.readSymbolicLink(target.resolve("bin"))).isEqualTo(component.resolve("bin"));
    assertThat(target.resolve("files")).isDirectory();
    Files.writeString(target.resolve("files/hello"), "hello");

    a.run(r.withActivity(Activity.SNAPSHOT));
    a.run(r.withActivity(Activity.SNAPSHOT)); // unchanged: no new generation
    Path gens = tmp.resolve("state/generations/fileset/fileset");
    assertThat(gens.resolve("1")).exists();
    assertThat(gens.resolve("2")).doesNotExist();

    Files.writeString(target.resolve("files/hello"), "changed");
    a.run(r.withActivity(Activity.RESTORE));
    assertThat(target.resolve("files/hello")).hasContent("hello");

    a.run(r.withActivity(Activity.DEACTIVATE));
    assertThat(target.resolve("bin")).doesNotExist();
    assertThat(target.resolve("files/hello")).as("deactivate never deletes state").exists();
    assertThat(tmp.resolve("state/garbage/fileset/fileset")).exists();

    a.run(r.withActivity(Activity.COLLECT_GARBAGE));
    assertThat(target.resolve("files")).doesNotExist();
    assertThat(target.resolve("data")).doesNotExist();
    assertThat(tmp.resolve("state/garbage/fileset/fileset")).doesNotExist();
  }

  @Test
  void collectGarbageOfActiveStateKeepsIt() throws Exception {
    Path component = Files.createDirectories(tmp.resolve("c"));
    Path target = tmp.resolve("t");
    Files.writeString(component.resolve(".dysnomia-targetdir"), target.toString());
    Files.writeString(component.resolve(".dysnomia-fileset"), "mkdir files\n");
    Activator a = Activator.create(List.of());
    ActivationRequest r =
        ActivationRequest.of(Activity.ACTIVATE, "fileset", component, tmp.resolve("state"));
    a.run(r);
    a.run(r.withActivity(Activity.COLLECT_GARBAGE));
    assertThat(target.resolve("files")).isDirectory();
  }
}
