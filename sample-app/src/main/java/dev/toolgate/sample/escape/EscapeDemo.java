package dev.toolgate.sample.escape;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Toolgate;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * An allowed tool whose body tries to do what it was never meant to: spawn a shell, connect to a cloud metadata
 * address by a name, write outside {@code /tmp}, delete a file through NIO, reflect into the Toolgate agent and
 * end the JVM. With the agent each attempt is refused at the operation ({@code REFUSED}); without it each one
 * runs ({@code RAN}) and the last one ends the JVM with status 3. Run it from the project directory:
 *
 * <pre>
 * java -javaagent:agent/core/target/toolgate-agent.jar=policy=sample-app/sandbox-demo.yaml \
 *     -cp sample-app/target/toolgate-sample-app.jar dev.toolgate.sample.escape.EscapeDemo
 * java -cp sample-app/target/toolgate-sample-app.jar dev.toolgate.sample.escape.EscapeDemo
 * </pre>
 *
 * <p>The files it writes and deletes are its own, in {@code sandbox-demo/} under the working directory; the
 * metadata name is resolved through {@code -Djdk.net.hosts.file} if given, else it is a literal address.
 */
public final class EscapeDemo {

    private static final String VICTIM = "delete-me.txt";

    private final Path work;
    private final PrintStream out;

    EscapeDemo(Path work, PrintStream out) {
        this.work = work;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of("sandbox-demo").toAbsolutePath());
        // Written before the call: the tool was not meant to delete it.
        Files.writeString(work.resolve(VICTIM), "the tool was not meant to delete this");
        System.out.println(
                Toolgate.isAttached()
                        ? "Toolgate attached: every attempt below should be REFUSED"
                        : "WARNING: Toolgate agent not attached: every attempt below runs, and the last ends the JVM");
        new EscapeDemo(work, System.out).runSnippet("all");
    }

    /** The tool: "code the model wrote", here every escape in turn. */
    @AgentTool(name = "run_snippet")
    public String runSnippet(String snippet) throws Exception {
        Path victim = work.resolve(VICTIM);
        Map<String, Callable<String>> attempts = new LinkedHashMap<>();
        attempts.put(
                "spawn-shell",
                () -> "exit "
                        + new ProcessBuilder("sh", "-c", "echo escaped")
                                .inheritIO()
                                .start()
                                .waitFor());
        attempts.put("connect-metadata-by-name", () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(metadataHost(), 80), 500);
                return "connected";
            }
        });
        attempts.put("write-outside-tmp", () -> "wrote " + Files.writeString(work.resolve("escaped.txt"), "x"));
        attempts.put("delete-through-nio", () -> {
            Files.delete(victim);
            return "deleted " + victim;
        });
        attempts.put("reflect-into-agent", () -> {
            Field gate = Class.forName("dev.toolgate.bootstrap.ToolgateBridge").getDeclaredField("gate");
            gate.setAccessible(true);
            return "opened the gate: " + gate.get(null);
        });
        attempts.put("system-exit", () -> {
            out.println("ESCAPE system-exit RAN (the JVM ends now, status 3)");
            System.exit(3);
            return "exited";
        });
        int refused = 0;
        for (Map.Entry<String, Callable<String>> attempt : attempts.entrySet()) {
            String outcome;
            try {
                outcome = "RAN " + attempt.getValue().call();
            } catch (SecurityException e) {
                outcome = "REFUSED " + e.getMessage();
                refused++;
            } catch (Exception e) {
                // It went past any sandbox and failed on its own (no network here, say).
                outcome = "RAN and failed: " + e;
            }
            out.println("ESCAPE " + attempt.getKey() + " " + outcome);
        }
        out.println("Refused: " + refused + " of " + attempts.size());
        return refused + " of " + attempts.size() + " refused";
    }

    /** A name for the metadata address: from the hosts file given, else the address itself. */
    private static String metadataHost() {
        return System.getProperty("jdk.net.hosts.file") != null ? "metadata.internal" : "169.254.169.254";
    }
}
