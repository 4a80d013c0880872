package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesAndGcTest {
  @TempDir Path tmp;

  @Test
  void threeGenerationsRollBackSwitchAndDelete() throws Exception {
    try (LocalStore store = StoreFixture.open(tmp)) {
      Profiles profiles = store.profiles();
      StorePath one = StoreFixture.text(store, "one");
      StorePath two = StoreFixture.text(store, "two");
      StorePath three = StoreFixture.text(store, "three");
      profiles.set("p", one);
      profiles.set("p", two);
      assertThat(profiles.set("p", three).number()).isEqualTo(3);
      assertThat(profiles.set("p", three).number()).isEqualTo(3); // no-op when current

      assertThat(profiles.rollback("p").path()).isEqualTo(two);
      assertThat(Files.readSymbolicLink(tmp.resolve("profiles/p")).toString())
          .isEqualTo("p-2-link");
      assertThat(profiles.switchGeneration("p", 1).path()).isEqualTo(one);
      assertThatThrownBy(() -> profiles.rollback("p"))
          .hasMessageContaining("no generation before 1");
      assertThatThrownBy(() -> profiles.switchGeneration("p", 9))
          .hasMessageContaining("no generation 9");
      assertThatThrownBy(() -> profiles.deleteGenerations("p", List.of("1")))
          .hasMessageContaining("current generation");

      assertThat(profiles.deleteGenerations("p", List.of("old")))
          .extracting(Generation::number)
          .containsExactlyInAnyOrder(2, 3);
      assertThat(profiles.generations("p")).extracting(Generation::number).containsExactly(1);
      assertThat(profiles.set("p", two).number()).isEqualTo(2);
    }
  }

  @Test
  void gcDeletesExactlyWhatNoRootReaches() throws Exception {
    Path root = tmp.resolve("root");
    StorePath lib;
    StorePath app;
    StorePath old;
    StorePath oldDep;
    StorePath loose;
    StorePath rooted;
    try (LocalStore store = StoreFixture.open(root)) {
      lib = StoreFixture.text(store, "lib");
      app = StoreFixture.text(store, "app", lib);
      oldDep = StoreFixture.text(store, "old-dep");
      old = StoreFixture.text(store, "old", oldDep, lib);
      loose = StoreFixture.text(store, "loose");
      rooted = StoreFixture.text(store, "rooted");
      store.profiles().set("default", old);
      store.profiles().set("default", app);
      Files.createDirectories(store.layout().gcRootsDir());
      Files.createSymbolicLink(
          store.layout().gcRootsDir().resolve("r"), store.layout().physical(rooted));
    }
    try (LocalStore store = StoreFixture.open(root)) {
      GcReport dry = store.collectGarbage(new GcOptions(true, Long.MAX_VALUE));
      assertThat(dry.deleted()).containsExactly(loose);
      assertThat(store.isValid(loose)).isTrue();

      store.profiles().deleteGenerations("default", List.of("old"));
      GcReport report = store.collectGarbage(GcOptions.all());
      assertThat(report.deleted()).containsExactlyInAnyOrder(loose, old, oldDep);
      assertThat(report.deleted().indexOf(old)).isLessThan(report.deleted().indexOf(oldDep));
      for (StorePath p : List.of(lib, app, rooted)) {
        assertThat(store.isValid(p)).isTrue();
      }
      for (StorePath p : report.deleted()) {
        assertThat(store.layout().physical(p)).doesNotExist();
      }
      assertThat(store.verify(true).ok()).isTrue();
    }
  }

  @Test
  void gcKeepsWhatALiveStoreUses() throws Exception {
    Path root = tmp.resolve("root");
    try (LocalStore user = StoreFixture.open(root);
        LocalStore collector = StoreFixture.open(root)) {
      StorePath inUse = StoreFixture.text(user, "in-use");
      assertThat(collector.collectGarbage(GcOptions.all()).deleted()).isEmpty();
      assertThat(collector.isValid(inUse)).isTrue();
    }
  }

  @Test
  void maxFreedStopsEarly() throws Exception {
    try (LocalStore store = StoreFixture.open(tmp.resolve("a"))) {
      for (int i = 0; i < 5; i++) {
        StoreFixture.text(store, "t" + i);
      }
    }
    try (LocalStore store = StoreFixture.open(tmp.resolve("a"))) {
      GcReport report = store.collectGarbage(new GcOptions(false, 1));
      assertThat(report.deleted()).hasSize(1);
    }
  }
}
