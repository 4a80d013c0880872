import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Answers "hello" with "Hello world!" on a TCP port, one line at a time, until "quit". */
public class HelloWorldServer {
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getByName("0.0.0.0"))) {
      System.out.println("hello-world-server listening on port " + port);
      while (true) {
        Socket client = server.accept();
        new Thread(() -> serve(client)).start();
      }
    }
  }

  private static void serve(Socket client) {
    try (client;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out =
            new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
        out.println(line.trim().equals("hello") ? "Hello world!" : "Say hello (or quit)");
      }
    } catch (IOException e) {
      System.err.println("connection failed: " + e.getMessage());
    }
  }
}
