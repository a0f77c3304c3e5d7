package dev.toolgate.e2e;

import dev.toolgate.e2e.apps.mcp.McpScenario;
import dev.toolgate.e2e.apps.mcp.OpsMcpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ops MCP server running on its own over streamable HTTP on loopback, in a JVM without the agent: what an
 * application connects to over the network. Its ran file grows across the runs that share it, so a run looks only
 * at what was added after its {@link #mark()}.
 */
final class McpServerProcess implements AutoCloseable {

    private final RunningJvm jvm;
    private final Path ranFile;
    private final int port;

    private McpServerProcess(RunningJvm jvm, Path ranFile, int port) {
        this.jvm = jvm;
        this.ranFile = ranFile;
        this.port = port;
    }

    static McpServerProcess startHttp(boolean fault) throws IOException, InterruptedException {
        Path dir = ForkedJvm.freshWorkDir("ops-mcp-server");
        Path ranFile = dir.resolve("ran.txt");
        Path portFile = dir.resolve("port");
        List<String> args = new ArrayList<>(List.of("--ran-file", ranFile.toString()));
        if (fault) {
            args.add("--fault");
        }
        args.addAll(List.of("--http", portFile.toString()));
        RunningJvm jvm = ForkedJvm.on(Jdks.current()).withoutAgent().withTestClassPath().workDir(dir)
                .main(OpsMcpServer.class.getName(), args.toArray(String[]::new))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile)) {
            if (!jvm.process().isAlive() || System.nanoTime() > deadline) {
                jvm.process().destroyForcibly();
                throw new AssertionError("the MCP server did not start listening\n" + Files.readString(jvm.stderr()));
            }
            Thread.sleep(50);
        }
        return new McpServerProcess(jvm, ranFile, Integer.parseInt(Files.readString(portFile).trim()));
    }

    String url() {
        return "http://127.0.0.1:" + port + McpScenario.HTTP_ENDPOINT;
    }

    /** How far the ran file is now. */
    long mark() throws IOException {
        return Files.exists(ranFile) ? Files.size(ranFile) : 0;
    }

    /** The tool bodies that ran since {@code mark}. */
    RanTools ranSince(long mark) throws IOException {
        return RanTools.read(ranFile, mark);
    }

    /** Whether the server process has ended (a faulty server ends itself in the middle of a call). */
    boolean hasExited(long seconds) throws InterruptedException {
        return jvm.process().waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (jvm.process().isAlive()) {
            jvm.killHard();
        }
    }
}
