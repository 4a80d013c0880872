import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One webapp instance: answers GET / with its identity and port, such as "webapp3 on port 5303".
 * Usage: {@code Webapp NAME PORT}. Runs in the foreground until it is sent SIGTERM.
 */
public class Webapp {
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: Webapp NAME PORT");
      System.exit(2);
    }
    String name = args[0];
    int port = Integer.parseInt(args[1]);
    byte[] identity = (name + " on port " + port + "\n").getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 50);
    server.createContext("/", exchange -> answer(exchange, identity));
    server.start();
    System.out.println(name + " listening on port " + port);
  }

  private static void answer(HttpExchange exchange, byte[] identity) throws IOException {
    try (exchange) {
      boolean root = exchange.getRequestURI().getPath().equals("/");
      boolean get = exchange.getRequestMethod().equals("GET");
      byte[] body = root && get ? identity : "not found\n".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(root && get ? 200 : (get ? 404 : 405), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
