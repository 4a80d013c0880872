package dev.cairn.process;

import dev.cairn.store.yaml.YamlException;
import dev.cairn.store.yaml.YamlMap;
import dev.cairn.store.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's nginx as a reverse proxy in front of webapp instances, host-based (one virtual host per
 * webapp's {@code dnsName}) or path-based ({@code /<instance>/}). Everything nginx writes (PID
 * file, logs, temporary files) lives under the state directory, so it runs unprivileged and in
 * several instances.
 */
final class NginxReverseProxy implements Constructor {
  private final boolean hostBased;

  NginxReverseProxy(boolean hostBased) {
    this.hostBased = hostBased;
  }

  @Override
  public String name() {
    return hostBased ? "nginxReverseProxyHostBased" : "nginxReverseProxyPathBased";
  }

  @Override
  public List<ParamSpec> params() {
    var at = Catalog.BUILTIN;
    return List.of(
        new ParamSpec("port", ParamSpec.Type.INT, null, at),
        new ParamSpec("webapps", ParamSpec.Type.INSTANCES, null, at),
        new ParamSpec(
            "address",
            ParamSpec.Type.STRING,
            new YamlScalar(at, "127.0.0.1", YamlScalar.Kind.STRING, true),
            at),
        new ParamSpec(
            "nginx",
            ParamSpec.Type.STRING,
            new YamlScalar(at, "/usr/sbin/nginx", YamlScalar.Kind.STRING, true),
            at));
  }

  @Override
  public YamlMap describe(Instantiation in) throws YamlException {
    GlobalParams g = in.global();
    String name = in.name();
    Path tmp = g.tmpDir().resolve(name);
    String pidFile = g.runtimeDir().resolve(name + ".pid").toString();
    String errorLog = g.logDir().resolve(name + "-error.log").toString();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("description", "nginx reverse proxy " + name);
    d.put("process", in.string("nginx"));
    d.put("args", List.of("-p", tmp.toString(), "-c", "${{ files }}/nginx.conf", "-e", errorLog));
    d.put("foregroundArgs", List.of("-g", "daemon off;"));
    d.put("daemonArgs", List.of("-g", "daemon on;"));
    d.put("pidFile", pidFile);
    d.put("initialize", "mkdir -p '" + tmp + "'");
    d.put("ports", List.of(in.params().get("port")));
    d.put("readiness", Map.of("tcp", in.string("address") + ":" + in.params().get("port")));
    if (!g.unprivileged()) {
      d.put("credentials", Map.of("groups", Map.of(name, Map.of()), "users", user(name)));
    }
    d.put("files", Map.of("nginx.conf", config(in, tmp, pidFile, errorLog)));
    return (YamlMap) Nodes.of(d, in.location());
  }

  private static Map<String, Object> user(String name) {
    return Map.of(name, Map.of("group", name, "description", "nginx " + name));
  }

  private String config(Instantiation in, Path tmp, String pidFile, String errorLog) {
    GlobalParams g = in.global();
    StringBuilder c = new StringBuilder();
    if (!g.unprivileged()) {
      c.append("user ").append(in.name()).append(' ').append(in.name()).append(";\n");
    }
    c.append("worker_processes 1;\npid ").append(pidFile).append(";\n");
    c.append("error_log ").append(errorLog).append(";\n");
    c.append("events { worker_connections 256; }\n\nhttp {\n");
    c.append("  access_log ").append(g.logDir().resolve(in.name() + "-access.log")).append(";\n");
    for (String t : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
      c.append("  ").append(t).append("_temp_path ").append(tmp.resolve(t)).append(";\n");
    }
    String listen = in.string("address") + ":" + in.params().get("port");
    @SuppressWarnings("unchecked")
    List<String> webapps = (List<String>) in.params().get("webapps");
    if (hostBased) {
      c.append("\n  server {\n    listen ").append(listen).append(" default_server;\n");
      c.append("    server_name _;\n    return 404;\n  }\n");
      for (String w : webapps) {
        c.append("\n  server {\n    listen ").append(listen).append(";\n");
        c.append("    server_name ").append(in.paramOf(w, "dnsName")).append(";\n");
        c.append("    location / {\n      proxy_pass http://").append(upstream(in, w));
        c.append(";\n      proxy_set_header Host $host;\n    }\n  }\n");
      }
    } else {
      c.append("\n  server {\n    listen ").append(listen).append(";\n");
      for (String w : webapps) {
        c.append("    location /").append(w).append("/ {\n      proxy_pass http://");
        c.append(upstream(in, w)).append("/;\n    }\n");
      }
      c.append("  }\n");
    }
    return c.append("}\n").toString();
  }

  private static String upstream(Instantiation in, String webapp) {
    return "127.0.0.1:" + in.paramOf(webapp, "port");
  }
}
