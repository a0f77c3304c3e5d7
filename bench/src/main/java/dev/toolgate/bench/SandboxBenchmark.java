package dev.toolgate.bench;

import dev.toolgate.api.AgentTool;
import dev.toolgate.bootstrap.SandboxBridge;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What the sandbox costs. Outside tool calls: a file open and write, a loopback socket connect and a process start,
 * in forks without the agent and with it (the ratio is the sandbox's cost where nothing is checked). Inside tool
 * calls: the same file open and connect made by an allowed tool's body, against the tool call alone; the check's
 * cost is what remains after the call and the operation are taken away. {@link #main} runs both configurations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SandboxBenchmark {

    private static final byte[] LINE = "sixteen bytes!!\n".getBytes(StandardCharsets.US_ASCII);
    private static final String ROLE = "bench_agent";
    /** Checks per tool call in the check benchmarks: the call's own cost is divided among them. */
    static final int CHECKS = 100;

    private String checkedPath;

    private Path file;
    private ServerSocket server;
    private Thread acceptor;
    private final SandboxedTools tools = new SandboxedTools();

    /** Allowed tools of the bench role; external, so the sandbox's rules, not the risk matrix, decide. */
    public class SandboxedTools {
        @AgentTool(name = "bench_sandbox_nothing")
        public int nothing() {
            return 0;
        }

        @AgentTool(name = "bench_sandbox_write")
        public int write() throws IOException {
            return openAndWrite();
        }

        @AgentTool(name = "bench_sandbox_connect")
        public int connect() throws IOException {
            return connectLoopback();
        }

        /** The checks a sink makes, {@link #CHECKS} times, without the operation's system call. */
        @AgentTool(name = "bench_sandbox_file_checks")
        public int fileChecks() {
            for (int i = 0; i < CHECKS; i++) {
                SandboxBridge.file(SandboxBridge.WRITE | SandboxBridge.CREATE, checkedPath, null, "bench");
            }
            return CHECKS;
        }

        @AgentTool(name = "bench_sandbox_connect_checks")
        public int connectChecks() {
            for (int i = 0; i < CHECKS; i++) {
                SandboxBridge.connect(InetAddress.getLoopbackAddress(), server.getLocalPort(), "bench");
            }
            return CHECKS;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("toolgate-sandbox-bench", ".txt");
        checkedPath = file.toString();
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    server.accept().close();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        server.close();
        Files.deleteIfExists(file);
    }

    int openAndWrite() throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            out.write(LINE);
        }
        return LINE.length;
    }

    int connectLoopback() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            return socket.getLocalPort();
        }
    }

    @Benchmark
    public int fileOpenWrite() throws IOException {
        return openAndWrite();
    }

    @Benchmark
    public int socketConnect() throws IOException {
        return connectLoopback();
    }

    @Benchmark
    public int processStart() throws Exception {
        return new ProcessBuilder("/usr/bin/true").start().waitFor();
    }

    /** A sink's check outside tool calls: what every file open, connect and process start pays. */
    @Benchmark
    public void checkOutsideCall() {
        SandboxBridge.file(SandboxBridge.WRITE | SandboxBridge.CREATE, checkedPath, null, "bench");
    }

    @Benchmark
    public int fileChecksInTool() {
        return tools.fileChecks();
    }

    @Benchmark
    public int connectChecksInTool() {
        return tools.connectChecks();
    }

    @Benchmark
    public int toolCallOnly() {
        return tools.nothing();
    }

    @Benchmark
    public int fileOpenWriteInTool() throws IOException {
        return tools.write();
    }

    @Benchmark
    public int socketConnectInTool() throws IOException {
        return tools.connect();
    }

    /** Runs every benchmark without the agent, then with it; short by default (a loaded machine's figures). */
    public static void main(String[] args) throws IOException, RunnerException {
        Path agentJar = Path.of(System.getProperty("toolgate.agent.jar", "agent/core/target/toolgate-agent.jar"))
                .toAbsolutePath();
        Path work = Files.createTempDirectory("toolgate-sandbox-bench-");
        Path policy = Files.writeString(
                work.resolve("policy.yaml"),
                String.join(
                        "\n",
                        "version: 1",
                        "roles:",
                        "  " + ROLE + ":",
                        "    allowed_tools: [bench_sandbox_*]",
                        "    approval:",
                        "      defaults: {external: allow}",
                        "    sandbox:",
                        "      network:",
                        "        connect: [\"127.0.0.1:*\"]",
                        ""));
        Collection<RunResult> without = new Runner(options().build()).run();
        Collection<RunResult> with = new Runner(options()
                        .jvmArgsAppend(
                                "-javaagent:" + agentJar + "=policy=" + policy + ",role=" + ROLE,
                                "-Dtoolgate.audit.file=" + work.resolve("audit.jsonl"))
                        .build())
                .run();
        System.out.printf("%-22s %14s %14s %8s%n", "benchmark", "no agent ns", "agent ns", "ratio");
        for (RunResult agent : with) {
            String name = agent.getParams().getBenchmark();
            double withScore = agent.getPrimaryResult().getScore();
            double withoutScore = without.stream()
                    .filter(r -> r.getParams().getBenchmark().equals(name))
                    .findFirst()
                    .map(r -> r.getPrimaryResult().getScore())
                    .orElse(Double.NaN);
            System.out.printf(
                    "%-22s %14.0f %14.0f %8.3f%n",
                    name.substring(name.lastIndexOf('.') + 1), withoutScore, withScore, withScore / withoutScore);
        }
    }

    private static ChainedOptionsBuilder options() {
        int seconds = Integer.getInteger("bench.seconds", 1);
        return new OptionsBuilder()
                .include(SandboxBenchmark.class.getName() + "\\.(" + System.getProperty("bench.include", ".*") + ")$")
                .forks(Integer.getInteger("bench.forks", 1))
                .warmupIterations(Integer.getInteger("bench.warmup", 2))
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(Integer.getInteger("bench.iterations", 3))
                .measurementTime(TimeValue.seconds(seconds));
    }
}
