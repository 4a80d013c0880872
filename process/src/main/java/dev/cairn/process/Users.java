package dev.cairn.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates the users and groups of a process's {@code credentials} (privileged deployments only)
 * with {@code groupadd}/{@code useradd}, and removes them when their process leaves.
 */
final class Users {
  private static final long TIMEOUT = 30_000;

  private Users() {}

  static void create(ProcessSpec p) throws ProcessException {
    for (Map.Entry<String, Integer> g : p.credentials().groups().entrySet()) {
      if (Commands.run(List.of("getent", "group", g.getKey()), TIMEOUT).exit() != 0) {
        List<String> cmd = new ArrayList<>(List.of("groupadd", "--system"));
        if (g.getValue() != null) {
          cmd.addAll(List.of("--gid", g.getValue().toString()));
        }
        cmd.add(g.getKey());
        Commands.check(cmd, TIMEOUT);
      }
    }
    for (Map.Entry<String, ProcessSpec.User> u : p.credentials().users().entrySet()) {
      if (Commands.run(List.of("id", "-u", u.getKey()), TIMEOUT).exit() == 0) {
        continue;
      }
      ProcessSpec.User user = u.getValue();
      List<String> cmd =
          new ArrayList<>(
              List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin"));
      if (user.uid() != null) {
        cmd.addAll(List.of("--uid", user.uid().toString()));
      }
      if (user.group() != null) {
        cmd.addAll(List.of("--gid", user.group()));
      }
      if (user.description() != null) {
        cmd.addAll(List.of("--comment", user.description()));
      }
      cmd.addAll(List.of("--home-dir", user.homeDir() != null ? user.homeDir() : "/nonexistent"));
      cmd.add(u.getKey());
      Commands.check(cmd, TIMEOUT);
    }
  }

  static void remove(ProcessSpec p) throws ProcessException {
    for (String user : p.credentials().users().keySet()) {
      Commands.run(List.of("userdel", user), TIMEOUT);
    }
    for (String group : p.credentials().groups().keySet()) {
      Commands.run(List.of("groupdel", group), TIMEOUT);
    }
  }
}
