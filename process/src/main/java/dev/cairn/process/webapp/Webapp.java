package dev.cairn.process.webapp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The seeds' test webapp: an HTTP server on {@code 127.0.0.1:PORT} answering every request with a
 * page that names the instance and its port. Uses only the JDK, so it runs from Cairn's own jars:
 * {@code java -cp <cairn-process jar> dev.cairn.process.webapp.Webapp --port N --name X}.
 */
public final class Webapp {
  private Webapp() {}

  /**
   * Serves until killed.
   *
   * @param args {@code --port N [--name X] [--address A]}
   */
  public static void main(String[] args) throws IOException {
    int port = -1;
    String name = "webapp";
    String address = "127.0.0.1";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--name" -> name = args[i + 1];
        case "--address" -> address = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (port < 1) {
      throw new IllegalArgumentException("give the port: --port N");
    }
    byte[] page = page(name, port);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 64);
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
          }
        });
    server.start();
  }

  static byte[] page(String name, int port) {
    String html =
        "<!DOCTYPE html>\n<html>\n  <head>\n    <title>Simple test webapp</title>\n  </head>\n"
            + "  <body>\n    Simple test webapp "
            + name
            + " listening on port: "
            + port
            + "\n  </body>\n</html>\n";
    return html.getBytes(StandardCharsets.UTF_8);
  }
}
