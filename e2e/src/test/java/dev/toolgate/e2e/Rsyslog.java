package dev.toolgate.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real rsyslog (the Debian package), run by the test as a child process with its own configuration: it
 * listens on a loopback port with imtcp (octet-counted framing) and writes what it receives to a file as
 * {@code STRUCTURED-DATA MSG}. No root daemon, no system configuration involved.
 */
final class Rsyslog implements AutoCloseable {

    private static final Path DAEMON = Path.of("/usr/sbin/rsyslogd");

    private final Path dir;
    private final Path config;
    private final Path received;
    private final int port;
    private Process process;

    Rsyslog(Path dir) throws IOException {
        if (!Files.isExecutable(DAEMON)) {
            throw new IllegalStateException("rsyslog is not installed (" + DAEMON + " missing): the shipping tests"
                    + " need it; install it with apt-get install -y rsyslog (.ci/run does)");
        }
        this.dir = dir;
        this.received = dir.resolve("received.log");
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        }
        Path work = Files.createDirectories(dir.resolve("rsyslog-work"));
        this.config = dir.resolve("rsyslog.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "global(workDirectory=\"" + work + "\" maxMessageSize=\"256k\")",
                        "module(load=\"imtcp\")",
                        "template(name=\"toolgate\" type=\"string\" string=\"%structured-data% %msg%\\n\")",
                        "ruleset(name=\"toolgate\") {",
                        "  action(type=\"omfile\" file=\"" + received + "\" template=\"toolgate\")",
                        "}",
                        "input(type=\"imtcp\" port=\"" + port + "\" address=\"127.0.0.1\" ruleset=\"toolgate\")",
                        ""));
    }

    int port() {
        return port;
    }

    Path received() {
        return received;
    }

    /** Starts rsyslogd in the foreground and waits until it accepts connections. */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(
                        DAEMON.toString(),
                        "-n",
                        "-f",
                        config.toString(),
                        "-i",
                        dir.resolve("rsyslog.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("rsyslog.out").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rsyslogd exited: " + Files.readString(dir.resolve("rsyslog.out")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("rsyslogd did not listen on port " + port);
    }

    /** SIGTERM, as a service manager stops it, and waits for it to exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    List<String> receivedLines() throws IOException {
        return Files.exists(received) ? Files.readAllLines(received, StandardCharsets.UTF_8) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
