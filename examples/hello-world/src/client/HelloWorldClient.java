import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends each line of standard input to the hello-world server and prints its answers. */
public class HelloWorldClient {
  public static void main(String[] args) throws IOException {
    try (Socket socket = new Socket(args[0], Integer.parseInt(args[1]));
        BufferedReader server =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
        BufferedReader user =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.err.println("Connected to " + args[0] + ":" + args[1] + ". Type hello, or quit.");
      for (String line; (line = user.readLine()) != null; ) {
        out.println(line);
        if (line.trim().equals("quit")) {
          break;
        }
        String answer = server.readLine();
        if (answer == null) {
          break;
        }
        System.out.println(answer);
      }
    }
  }
}
