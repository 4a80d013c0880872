package dev.cairn.store.recipe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.yaml.YamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error of the recipe format, with its exact file:line:column. */
class RecipeErrorsTest {
  @TempDir Path dir;

  /** Parses {@code yaml} and expects {@code "<file>:" + expected}. */
  private void assertError(String yaml, String expected) throws IOException {
    Path file = dir.resolve("r.yaml");
    Files.writeString(file, yaml);
    assertThatThrownBy(() -> RecipeFile.parse(file))
        .isInstanceOf(YamlException.class)
        .hasMessage(file + ":" + expected);
  }

  @Test
  void unknownTopLevelKey() throws IOException {
    assertError(
        "recipe:\n  a: {build: x}\n",
        "1:1: unknown key 'recipe' in the recipe file; did you mean 'recipes'? allowed: recipes,"
            + " default");
  }

  @Test
  void unknownRecipeKeySuggestsTheClosest() throws IOException {
    assertError(
        "recipes:\n  hello:\n    biuld: make\n",
        "3:5: unknown key 'biuld' in recipe 'hello'; did you mean 'build'? allowed: name, version,"
            + " description, src, inputs, hostTools, env, files, build");
    assertError(
        "recipes:\n  hello:\n    build: make\n    colour: red\n",
        "4:5: unknown key 'colour' in recipe 'hello'; allowed: name, version, description, src,"
            + " inputs, hostTools, env, files, build");
  }

  @Test
  void unknownKeysInFilesAndSrc() throws IOException {
    assertError(
        "recipes:\n  a:\n    files:\n      f: {text: x, mod: \"0644\"}\n",
        "4:20: unknown key 'mod' in file 'f' of recipe 'a'; did you mean 'mode'? allowed: text,"
            + " mode");
    Files.createDirectories(dir.resolve("s"));
    assertError(
        "recipes:\n  a:\n    src: {path: s, excludes: []}\n",
        "3:20: unknown key 'excludes' in src of recipe 'a'; did you mean 'exclude'? allowed: path,"
            + " exclude");
  }

  @Test
  void missingOrEmptyRecipes() throws IOException {
    assertError("default: a\n", "1:1: the recipe file is missing the required key 'recipes'");
    assertError("recipes: {}\n", "1:10: 'recipes' is empty; add at least one recipe");
    assertError("recipes: [a]\n", "1:10: 'recipes' of the recipe file must be a map, got a list");
    assertError("- a\n", "1:1: the recipe file must be a map, got a list");
  }

  @Test
  void wrongTypes() throws IOException {
    assertError(
        "recipes:\n  a:\n    build: x\n    hostTools: {gcc: yes}\n",
        "4:16: 'hostTools' of recipe 'a' must be a list of strings, got a map");
    assertError(
        "recipes:\n  a:\n    build: x\n    hostTools: [gcc, [cc]]\n",
        "4:22: 'hostTools' of recipe 'a' must be a list of strings, got a list here");
    assertError(
        "recipes:\n  a:\n    build: [make]\n",
        "3:12: 'build' of recipe 'a' must be a string, got a list");
    assertError(
        "recipes:\n  a:\n    inputs: lib\n    build: x\n",
        "3:13: 'inputs' of recipe 'a' must be a list of names or a map {variable: name}, got a"
            + " string");
    assertError(
        "recipes:\n  a:\n    files:\n      f: [x]\n",
        "4:10: file 'f' of recipe 'a' must be a string or a map {text, mode}, got a list");
    assertError(
        "recipes:\n  a:\n    files:\n      f: {mode: \"0644\"}\n",
        "4:10: file 'f' of recipe 'a' is missing the required key 'text'");
    assertError("recipes:\n  a: build\n", "2:6: recipe 'a' must be a map, got a string");
  }

  @Test
  void namesMustBeStoreNames() throws IOException {
    assertError(
        "recipes:\n  .hidden: {build: x}\n",
        "2:3: recipe name '.hidden' is not a valid store path name: store path name '.hidden'"
            + " cannot start with '.'");
    assertError(
        "recipes:\n  a:\n    name: my tool\n    build: x\n",
        "3:11: 'name' of recipe 'a': 'my tool' is not a valid store path name: store path name"
            + " 'my tool' has ' '; use letters, digits and + - . _ ? =");
    assertError(
        "recipes:\n  a:\n    version: 1.0/beta\n    build: x\n",
        "3:14: output name 'a-1.0/beta' of recipe 'a' is not a valid store path name: store path"
            + " name 'a-1.0/beta' has '/'; use letters, digits and + - . _ ? =");
    assertError(
        "recipes:\n  a:\n    version: \"\"\n    build: x\n",
        "3:14: 'version' of recipe 'a' cannot be empty; leave it out instead");
  }

  @Test
  void nothingToBuild() throws IOException {
    assertError(
        "recipes:\n  a:\n    inputs: []\n",
        "2:3: recipe 'a' has nothing to build; give it 'files', 'src' or 'build'");
  }

  @Test
  void filePaths() throws IOException {
    assertError(
        "recipes:\n  a:\n    files:\n      /etc/x: y\n",
        "4:7: file '/etc/x' of recipe 'a': the path must be relative to $out, not absolute");
    assertError(
        "recipes:\n  a:\n    files:\n      share/../../x: y\n",
        "4:7: file 'share/../../x' of recipe 'a': the path cannot leave $out with '..'");
    assertError(
        "recipes:\n  a:\n    files:\n      bin//x: y\n",
        "4:7: file 'bin//x' of recipe 'a': the path has an empty component; write it like"
            + " 'bin/hello'");
    assertError(
        "recipes:\n  a:\n    files:\n      ./.: y\n",
        "4:7: file './.' of recipe 'a': the path names $out itself; name a file in it");
    assertError(
        "recipes:\n  a:\n    files:\n      bin/x: y\n      ./bin/x: z\n",
        "5:7: file './bin/x' of recipe 'a' is the same path as 'bin/x' at "
            + dir.resolve("r.yaml")
            + ":4:7");
    assertError(
        "recipes:\n  a:\n    files:\n      bin: y\n      bin/x: z\n",
        "5:7: file 'bin/x' of recipe 'a' clashes with 'bin' at "
            + dir.resolve("r.yaml")
            + ":4:7: 'bin' cannot be both a file and a directory");
  }

  @Test
  void fileModes() throws IOException {
    assertError(
        "recipes:\n  a:\n    files:\n      f: {text: x, mode: 0755}\n",
        "4:26: mode of file 'f' of recipe 'a' must be a quoted octal string such as \"0644\" or"
            + " \"0755\", got a number (0755); quote it: \"0755\"");
    assertError(
        "recipes:\n  a:\n    files:\n      f: {text: x, mode: \"0855\"}\n",
        "4:26: mode of file 'f' of recipe 'a' '0855' is not an octal mode; write it like \"0644\""
            + " or \"0755\"");
    assertError(
        "recipes:\n  a:\n    files:\n      f: {text: x, mode: \"rwx\"}\n",
        "4:26: mode of file 'f' of recipe 'a' 'rwx' is not an octal mode; write it like \"0644\""
            + " or \"0755\"");
    assertError(
        "recipes:\n  a:\n    files:\n      f: {text: x, mode: \"4755\"}\n",
        "4:26: mode of file 'f' of recipe 'a' '4755' sets setuid, setgid or sticky bits, which the"
            + " store does not keep; use \"0644\" or \"0755\"");
  }

  @Test
  void placeholders() throws IOException {
    String allowed = "use ${{ out }} or ${{ inputs.NAME }} (inputs: lib)";
    String lib = "recipes:\n  lib: {build: x}\n  a:\n    inputs: [lib]\n";
    assertError(
        lib + "    files:\n      f: \"${{ inputs.libb }}/x\"\n",
        "6:10: file 'f' of recipe 'a': '${{ inputs.libb }}' is not allowed; " + allowed);
    assertError(
        lib + "    files:\n      f:\n        text: |\n          ${{ env.HOME }}\n",
        "7:15: file 'f' of recipe 'a': '${{ env.HOME }}' is not allowed; " + allowed);
    assertError(
        lib + "    env:\n      X: \"${{ out }\"\n    build: x\n",
        "6:10: env 'X' of recipe 'a': '${{' is not closed with '}}'; " + allowed);
    assertError(
        "recipes:\n  a:\n    build: echo ${{ out }}\n",
        "3:12: the build script of recipe 'a' cannot use '${{ … }}'; it runs in bash with $out and"
            + " a variable per input (such as $greeting) set");
    assertError(
        "recipes:\n  a:\n    files: {f: \"${{ inputs.x }}\"}\n",
        "3:16: file 'f' of recipe 'a': '${{ inputs.x }}' is not allowed; use ${{ out }} or ${{"
            + " inputs.NAME }} (this recipe has no inputs)");
  }

  @Test
  void inputVariables() throws IOException {
    assertError(
        "recipes:\n  7zip: {build: x}\n  a:\n    inputs: [7zip]\n    build: x\n",
        "4:14: input variable '7zip' (made from '7zip') is not a shell identifier"
            + " ([A-Za-z_][A-Za-z0-9_]*); use the map form to choose one: inputs: {myName: 7zip}");
    assertError(
        "recipes:\n  out: {build: x}\n  a:\n    inputs: [out]\n    build: x\n",
        "4:14: input variable 'out' (made from 'out') is reserved for the builder (HOME,"
            + " NIX_BUILD_TOP, PATH, PWD, SHELL, SOURCE_DATE_EPOCH, TEMP, TEMPDIR, TMP, TMPDIR, out,"
            + " src); use the map form to choose one: inputs: {myName: out}");
    assertError(
        "recipes:\n  lib: {build: x}\n  a:\n    inputs: {PATH: lib}\n    build: x\n",
        "4:14: input variable 'PATH' is reserved for the builder (HOME, NIX_BUILD_TOP, PATH, PWD,"
            + " SHELL, SOURCE_DATE_EPOCH, TEMP, TEMPDIR, TMP, TMPDIR, out, src)");
    assertError(
        "recipes:\n  my-lib: {build: x}\n  my_lib: {build: x}\n  a:\n"
            + "    inputs: [my-lib, my_lib]\n    build: x\n",
        "5:22: input variable 'my_lib' of recipe 'a' is taken by 'my-lib' at "
            + dir.resolve("r.yaml")
            + ":5:14; use the map form to choose distinct names");
    assertError(
        "recipes:\n  a:\n    inputs: [/nix/store/../etc]\n    build: x\n",
        "3:14: input '/nix/store/../etc' of 'inputs' of recipe 'a' is not a normalised absolute"
            + " store path");
  }

  @Test
  void missingInput() throws IOException {
    assertError(
        "recipes:\n  greeting: {build: x}\n  hello:\n    inputs: [greting, bash]\n    build: x\n",
        "4:14: input 'greting' of recipe 'hello' is not a recipe in this file (store paths must be"
            + " absolute); did you mean 'greeting'? recipes in this file: greeting, hello");
    assertError(
        "recipes:\n  hello:\n    inputs: {sh: bash}\n    build: x\n",
        "3:18: input 'bash' of recipe 'hello' is not a recipe in this file (store paths must be"
            + " absolute); recipes in this file: hello");
  }

  @Test
  void envNames() throws IOException {
    assertError(
        "recipes:\n  a:\n    env: {HOME: /root}\n    build: x\n",
        "3:11: env 'HOME' of recipe 'a': 'HOME' is set by the builder; reserved: HOME,"
            + " NIX_BUILD_TOP, PATH, PWD, SHELL, SOURCE_DATE_EPOCH, TEMP, TEMPDIR, TMP, TMPDIR, out,"
            + " src");
    assertError(
        "recipes:\n  a:\n    env: {MY-VAR: x}\n    build: x\n",
        "3:11: env 'MY-VAR' of recipe 'a': 'MY-VAR' is not a shell identifier");
    assertError(
        "recipes:\n  lib: {build: x}\n  a:\n    inputs: [lib]\n    env: {lib: x}\n    build: x\n",
        "5:11: env 'lib' of recipe 'a': 'lib' is already the variable of an input");
  }

  @Test
  void hostTools() throws IOException {
    assertError(
        "recipes:\n  a:\n    hostTools: [/usr/bin/gcc]\n    build: x\n",
        "3:17: host tool '/usr/bin/gcc' of recipe 'a' must be a command name such as 'gcc',"
            + " without '/' or spaces");
    assertError(
        "recipes:\n  a:\n    hostTools: [gcc, make, gcc]\n    build: x\n",
        "3:28: host tool 'gcc' of recipe 'a' is listed twice");
  }

  @Test
  void srcMustExistAndExcludesMustBeGlobs() throws IOException {
    assertError(
        "recipes:\n  a:\n    src: ./nope\n",
        "3:10: 'src' of recipe 'a' './nope' does not exist (looked for "
            + dir.resolve("nope")
            + ")");
    Files.createDirectories(dir.resolve("s"));
    assertError(
        "recipes:\n  a:\n    src:\n      path: s\n      exclude: [\"*.o\", \"[a-\"]\n",
        "5:24: exclude pattern '[a-' is not a valid glob: Missing ']");
    assertError(
        "recipes:\n  a:\n    src:\n      path: s\n      exclude: [../x]\n",
        "5:17: exclude pattern '../x' has an empty, '.' or '..' component; patterns are relative"
            + " to src");
  }

  @Test
  void dependencyCycles() throws IOException {
    assertError(
        "recipes:\n  a:\n    inputs: [b]\n    build: x\n  b:\n    inputs: [c]\n    build: x\n"
            + "  c:\n    inputs: {theA: a}\n    build: x\n",
        "9:20: dependency cycle: a -> b -> c -> a; recipes cannot depend on themselves, remove one"
            + " of these inputs");
    assertError(
        "recipes:\n  a:\n    inputs: [a]\n    build: x\n",
        "3:14: dependency cycle: a -> a; recipes cannot depend on themselves, remove one of these"
            + " inputs");
  }

  @Test
  void unknownDefault() throws IOException {
    assertError(
        "recipes:\n  hello: {build: x}\n  world: {build: x}\ndefault: helo\n",
        "4:10: default 'helo' is not a recipe; did you mean 'hello'? recipes in this file: hello,"
            + " world");
  }

  @Test
  void syntaxErrorsAndDuplicateKeys() throws IOException {
    assertError(
        "recipes:\n  a: {build: x}\n  a: {build: y}\n",
        "3:3: duplicate key 'a' (first at " + dir.resolve("r.yaml") + ":2:3); keep one");
    assertError(
        "recipes:\n  a:\n    build: &b x\n",
        "3:12: YAML anchors (&b) are not supported; write the value out where it is used");
  }
}
