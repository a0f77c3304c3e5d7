package dev.toolgate.e2e.apps.sandbox;

import com.sun.net.httpserver.HttpServer;
import dev.toolgate.api.Toolgate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Calls each escape attempt inside an allowed tool and prints {@code ESCAPE <attempt> <outcome>}; then the
 * declared-risk cases ({@code MISMATCH}), monitor mode and the violation limit ({@code ROLE}), and what is left
 * outside the temporary directory ({@code OUTSIDE}). The same operations run outside tool calls first
 * ({@code FREE}): nothing changes there.
 */
public final class EscapeApp {

    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static Future<String> submittedBefore;

    private EscapeApp() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of("").toAbsolutePath();
        Escapes.outside = Files.createDirectories(work.resolve("outside"));
        Escapes.victim = Files.writeString(work.resolve("victim.txt"), "keep me");
        Escapes.scratch = Files.createTempDirectory("toolgate-sandbox-");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "internal secret".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Escapes.loopbackPort = server.getAddress().getPort();
        Escapes.earlyPool = Executors.newFixedThreadPool(2);
        Escapes.earlyScheduler = Executors.newScheduledThreadPool(1);
        submittedBefore = Escapes.earlyPool.submit(() -> {
            RELEASE.await();
            Files.writeString(Escapes.outside.resolve("before-call.txt"), "not in the call's scope");
            return "wrote before-call.txt";
        });

        // Outside tool calls the same operations work as without the agent.
        System.out.println("FREE write " + Escapes.run("files-write-string"));
        System.out.println("FREE process " + Escapes.run("process-builder"));
        // A raw socket: an HTTP connection opened here would be kept alive and reused inside the call.
        System.out.println("FREE loopback " + Escapes.run("socket-loopback"));
        System.out.println("FREE reflect " + Escapes.run("reflect-into-gate"));
        Files.deleteIfExists(Escapes.outside.resolve("nio.txt"));

        EscapeTools tools = new EscapeTools();
        for (String attempt : Escapes.names()) {
            if (attempt.equals("release-work-submitted-before") || attempt.equals("monitored-write")) {
                continue;
            }
            System.out.println("ESCAPE " + attempt + " " + call(() -> tools.runCode(attempt)));
        }
        System.out.println(
                "CONTROL release-work-submitted-before " + call(() -> tools.runCode("release-work-submitted-before")));
        System.out.println("MISMATCH read-writes " + call(() -> tools.readReport("allowed-write-in-tmp")));
        System.out.println("MISMATCH read-connects " + call(() -> tools.readReport("socket-metadata-by-name")));
        System.out.println("MISMATCH read-execs " + call(() -> tools.readReport("allowed-program")));
        System.out.println("MISMATCH read-reads " + call(() -> tools.readReport("allowed-read")));
        System.out.println("MISMATCH modify-writes " + call(() -> tools.editReport("allowed-write-in-tmp")));
        System.out.println("MISMATCH modify-deletes " + call(() -> tools.editReport("allowed-delete-in-tmp")));
        System.out.println("MISMATCH modify-connects " + call(() -> tools.editReport("socket-metadata-by-name")));

        System.out.println("ROLE watched "
                + Toolgate.callAs("watched", "w-1", () -> call(() -> tools.runCode("monitored-write"))));
        for (int i = 1; i <= 3; i++) {
            System.out.println("ROLE limited-" + i + " "
                    + Toolgate.callAs("limited", "l-1", () -> call(() -> tools.runCode("file-output-stream"))));
        }
        try (Stream<Path> files = Files.list(Escapes.outside)) {
            List<String> names =
                    files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            System.out.println("OUTSIDE " + names);
        }
        System.out.println("VICTIM " + Files.exists(Escapes.victim));
        server.stop(0);
        Escapes.earlyPool.shutdownNow();
        Escapes.earlyScheduler.shutdownNow();
        System.out.println("DONE");
    }

    private static String call(java.util.concurrent.Callable<String> call) {
        try {
            return call.call();
        } catch (Exception refused) {
            return "CALL-REFUSED " + String.valueOf(refused.getMessage()).replace('\n', ' ');
        }
    }
}
