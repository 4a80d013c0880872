package dev.cairn.store.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.yaml.YamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeFileTest {
  private static final String STORE_PATH =
      "/nix/store/0c6kzph7l0dcbfmjap64f0czdafn3b7x-bash-interactive-5.2";

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("r.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private RecipeFile parse(String yaml) throws Exception {
    return RecipeFile.parse(write(yaml));
  }

  @Test
  void parsesTheExample() throws Exception {
    Path example = Path.of("../examples/store/hello.yaml");
    RecipeFile file = RecipeFile.parse(example);

    assertThat(file.recipes().keySet()).containsExactly("greeting", "hello");
    Recipe hello = file.select(Optional.empty());
    assertThat(hello.outputName()).isEqualTo("hello-1.0");
    assertThat(hello.inputs()).extracting(InputRef::variable).containsExactly("greeting");
    assertThat(hello.files()).singleElement().satisfies(f -> assertThat(f.mode()).isEqualTo(0555));
    assertThat(hello.src().orElseThrow().path())
        .isEqualTo(Path.of("../examples/store/hello-src").toAbsolutePath().normalize());
    assertThat(Files.isRegularFile(hello.src().orElseThrow().path().resolve("hello.sh"))).isTrue();
    assertThat(file.closure(hello)).extracting(Recipe::attr).containsExactly("greeting", "hello");
    assertThat(hello.location()).hasToString(example + ":11:3");
  }

  @Test
  void listInputsDeriveVariablesFromNames() throws Exception {
    RecipeFile file =
        parse(
            """
            recipes:
              my-lib: {files: {a: x}}
              app:
                inputs: [my-lib, %s]
                env: {LIB: "${{inputs.my_lib}}/a", SH: "${{ inputs.bash_interactive_5_2 }}"}
                files:
                  b: "${{ out }}/b and ${{ inputs . my_lib }}"
                build: cat $my_lib/a
            """
                .formatted(STORE_PATH));
    Recipe app = file.select(Optional.of("app"));
    assertThat(app.inputs())
        .extracting(InputRef::variable, InputRef::ref, InputRef::isStorePath)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("my_lib", "my-lib", false),
            org.assertj.core.groups.Tuple.tuple("bash_interactive_5_2", STORE_PATH, true));
    assertThat(app.recipeInputs()).extracting(InputRef::ref).containsExactly("my-lib");
    assertThat(app.env()).containsOnlyKeys("LIB", "SH");
    assertThat(file.closure(app)).extracting(Recipe::attr).containsExactly("my-lib", "app");
  }

  @Test
  void mapInputsChooseVariables() throws Exception {
    RecipeFile file =
        parse(
            """
            recipes:
              lib: {files: {a: x}}
              app:
                inputs: {theLib: lib, sh: %s}
                build: cat $theLib/a
            default: app
            """
                .formatted(STORE_PATH));
    Recipe app = file.select(Optional.empty());
    assertThat(app.inputs())
        .extracting(InputRef::variable, InputRef::ref)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("theLib", "lib"),
            org.assertj.core.groups.Tuple.tuple("sh", STORE_PATH));
    assertThat(app.inputs().get(0).location()).hasToString(dir.resolve("r.yaml") + ":4:22");
  }

  @Test
  void srcWithExcludes() throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("build/sub"));
    Files.createDirectories(src.resolve("docs"));
    RecipeFile file =
        parse(
            """
            recipes:
              a:
                src: {path: src, exclude: ["*.o", "build/", "docs/*.tmp", "/top", "**/gen/**"]}
              b:
                src: ./src
            """);
    Source source = file.recipes().get("a").src().orElseThrow();
    assertThat(source.path()).isEqualTo(src);
    assertThat(source.exclude()).hasSize(5);
    assertThat(source.isExcluded("main.o", false)).isTrue();
    assertThat(source.isExcluded("lib/deep/x.o", false)).isTrue();
    assertThat(source.isExcluded("main.c", false)).isFalse();
    assertThat(source.isExcluded("build", true)).isTrue();
    assertThat(source.isExcluded("build", false)).isFalse();
    assertThat(source.isExcluded("build/sub/file.c", false)).isTrue();
    assertThat(source.isExcluded("docs/a.tmp", false)).isTrue();
    assertThat(source.isExcluded("docs/more/a.tmp", false)).isFalse();
    assertThat(source.isExcluded("x/docs/a.tmp", false)).isFalse();
    assertThat(source.isExcluded("top", false)).isTrue();
    assertThat(source.isExcluded("x/top", false)).isFalse();
    assertThat(source.isExcluded("a/gen/b/c", false)).isTrue();
    assertThat(file.recipes().get("b").src().orElseThrow().exclude()).isEmpty();
  }

  @Test
  void filesWithModesSortedByPath() throws Exception {
    RecipeFile file =
        parse(
            """
            recipes:
              a:
                files:
                  z/plain: "text"
                  ./bin/tool: {text: "#!/bin/sh\\n", mode: "0755"}
                  etc/conf: {text: "", mode: '644'}
                  etc/user-exec: {text: "", mode: "0700"}
            """);
    List<InlineFile> files = file.recipes().get("a").files();
    assertThat(files)
        .extracting(InlineFile::path, InlineFile::mode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bin/tool", 0555),
            org.assertj.core.groups.Tuple.tuple("etc/conf", 0444),
            org.assertj.core.groups.Tuple.tuple("etc/user-exec", 0555),
            org.assertj.core.groups.Tuple.tuple("z/plain", 0444));
    assertThat(files.get(0).text()).isEqualTo("#!/bin/sh\n");
  }

  @Test
  void nameVersionAndDescription() throws Exception {
    Recipe r =
        parse(
                """
                recipes:
                  key:
                    name: tool
                    version: 1.10
                    description: not hashed
                    build: "true"
                """)
            .select(Optional.empty());
    assertThat(r.attr()).isEqualTo("key");
    assertThat(r.outputName()).isEqualTo("tool-1.10");
    assertThat(r.description()).contains("not hashed");
  }

  @Test
  void readsJson(@TempDir Path jsonDir) throws Exception {
    Path file = jsonDir.resolve("r.json");
    Files.writeString(
        file,
        """
        {
          "recipes": {
            "a": {"files": {"bin/a": {"text": "x", "mode": "0755"}}},
            "b": {"inputs": {"theA": "a"}, "build": "cp $theA/bin/a $out", "hostTools": ["cp"]}
          },
          "default": "b"
        }
        """);
    RecipeFile recipes = RecipeFile.parse(file);
    assertThat(recipes.select(Optional.empty()).attr()).isEqualTo("b");
    assertThat(recipes.recipes().get("a").files().get(0).executable()).isTrue();
    assertThatThrownBy(
            () -> {
              Files.writeString(
                  file,
                  "{\"recipes\": {\"a\": {\"files\": {\"x\": {\"text\": \"\", \"mode\": 755}}}}}");
              RecipeFile.parse(file);
            })
        .hasMessage(
            file
                + ":1:56: mode of file 'x' of recipe 'a' must be a quoted octal string such as"
                + " \"0644\" or \"0755\", got a number (755); quote it: \"755\"");
  }

  @Test
  void selectsByAttrDefaultOrSingleRecipe() throws Exception {
    Path f = write("recipes:\n  a: {build: x}\n  b: {build: y}\n");
    RecipeFile file = RecipeFile.parse(f);
    assertThat(file.select(Optional.of("b")).attr()).isEqualTo("b");
    assertThatThrownBy(() -> file.select(Optional.of("c")))
        .isInstanceOf(YamlException.class)
        .hasMessage(f + ":1:1: no recipe 'c' in " + f + "; recipes in this file: a, b");
    assertThatThrownBy(() -> file.select(Optional.empty()))
        .hasMessage(
            f
                + ":1:1: "
                + f
                + " has several recipes (a, b) and no 'default'; choose one by name, or add"
                + " 'default: <name>' to the file");
    assertThat(parse("recipes:\n  only: {build: x}\n").select(Optional.empty()).attr())
        .isEqualTo("only");
  }

  @Test
  void closureListsSharedDependenciesOnce() throws Exception {
    RecipeFile file =
        parse(
            """
            recipes:
              top: {inputs: [left, right], build: x}
              left: {inputs: [base], build: x}
              right: {inputs: [base], build: x}
              base: {build: x}
              unrelated: {build: x}
            """);
    assertThat(file.closure(file.recipes().get("top")))
        .extracting(Recipe::attr)
        .containsExactly("base", "left", "right", "top");
    assertThat(file.closure(file.recipes().get("base")))
        .extracting(Recipe::attr)
        .containsExactly("base");
  }

  @Test
  void placeholdersSubstitute() {
    assertThat(
            Placeholders.substitute(
                "${{out}}/bin ${{ inputs.lib }}/lib $HOME ${x}", Map.of("lib", "/s/lib"), "/s/out"))
        .isEqualTo("/s/out/bin /s/lib/lib $HOME ${x}");
    assertThatThrownBy(() -> Placeholders.substitute("${{ inputs.nope }}", Map.of(), "/o"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'${{ inputs.nope }}' is not allowed; use ${{ out }} or ${{ inputs.NAME }} (this"
                + " recipe has no inputs)");
  }
}
