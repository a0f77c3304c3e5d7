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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /**
     * Checks per tool call in the check benchmarks: the call's own cost (tens of microseconds, most of it the
     * audit line, and as noisy) is divided among them.
     */
    static final int CHECKS = 1000;

    private String checkedPath;
    /** A file that is never created: the check a create makes. */
    private String missingPath;

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

        @AgentTool(name = "bench_sandbox_read_checks")
        public int readChecks() {
            for (int i = 0; i < CHECKS; i++) {
                SandboxBridge.file(SandboxBridge.READ, checkedPath, null, "bench");
            }
            return CHECKS;
        }

        @AgentTool(name = "bench_sandbox_create_checks")
        public int createChecks() {
            for (int i = 0; i < CHECKS; i++) {
                SandboxBridge.file(SandboxBridge.WRITE | SandboxBridge.CREATE, missingPath, null, "bench");
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
        missingPath = checkedPath + ".never-created";
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
    public int fileReadChecksInTool() {
        return tools.readChecks();
    }

    @Benchmark
    public int fileCreateChecksInTool() {
        return tools.createChecks();
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

    /** Benchmarks that only mean something with the agent: the tool call and the checks inside it. */
    private static boolean agentOnly(String benchmark) {
        return benchmark.endsWith("InTool") || benchmark.equals("toolCallOnly");
    }

    private static final List<String> ALL = List.of(
            "fileOpenWrite",
            "socketConnect",
            "processStart",
            "checkOutsideCall",
            "toolCallOnly",
            "fileChecksInTool",
            "fileReadChecksInTool",
            "fileCreateChecksInTool",
            "connectChecksInTool",
            "fileOpenWriteInTool",
            "socketConnectInTool");

    /**
     * Runs each selected benchmark in {@code bench.rounds} pairs of forks, one without the agent and one with it,
     * alternating, so that a change in the machine's load falls on both alike; prints each configuration's median
     * over its forks, the spread, and the ratio of the medians. The agent-only benchmarks run in agent forks only;
     * the per-check cost inside a tool call is the check benchmark's median less {@code toolCallOnly}'s, divided by
     * {@link #CHECKS}.
     */
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
        String[] agent = {
            "-javaagent:" + agentJar + "=policy=" + policy + ",role=" + ROLE,
            "-Dtoolgate.audit.file=" + work.resolve("audit.jsonl")
        };
        java.util.regex.Pattern include = java.util.regex.Pattern.compile(System.getProperty("bench.include", ".*"));
        int rounds = Integer.getInteger("bench.rounds", 5);
        Map<String, List<Double>> without = new LinkedHashMap<>();
        Map<String, List<Double>> with = new LinkedHashMap<>();
        for (String benchmark : ALL) {
            if (!include.matcher(benchmark).matches()) {
                continue;
            }
            for (int round = 0; round < rounds; round++) {
                if (!agentOnly(benchmark)) {
                    without.computeIfAbsent(benchmark, b -> new ArrayList<>())
                            .add(measure(benchmark, round, "no agent", options(benchmark)));
                }
                with.computeIfAbsent(benchmark, b -> new ArrayList<>())
                        .add(measure(
                                benchmark, round, "agent", options(benchmark).jvmArgsAppend(agent)));
            }
        }
        System.out.printf(
                "%n%d rounds; load average at the end %s%n",
                rounds, Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf(
                "%-24s %14s %24s %14s %24s %8s%n",
                "benchmark", "no agent ns", "(min - max)", "agent ns", "(min - max)", "ratio");
        for (Map.Entry<String, List<Double>> entry : with.entrySet()) {
            List<Double> none = without.getOrDefault(entry.getKey(), List.of());
            double agentMedian = median(entry.getValue());
            double noneMedian = none.isEmpty() ? Double.NaN : median(none);
            System.out.printf(
                    "%-24s %14.1f %24s %14.1f %24s %8.3f%n",
                    entry.getKey(),
                    noneMedian,
                    spread(none),
                    agentMedian,
                    spread(entry.getValue()),
                    agentMedian / noneMedian);
        }
        List<Double> call = with.get("toolCallOnly");
        if (call != null) {
            for (String checks : List.of(
                    "fileChecksInTool", "fileReadChecksInTool", "fileCreateChecksInTool", "connectChecksInTool")) {
                if (with.containsKey(checks)) {
                    System.out.printf(
                            "%-24s %10.1f ns per check%n", checks, (median(with.get(checks)) - median(call)) / CHECKS);
                }
            }
        }
    }

    private static double measure(String benchmark, int round, String how, ChainedOptionsBuilder options)
            throws RunnerException {
        Collection<RunResult> results = new Runner(options.build()).run();
        double score = results.iterator().next().getPrimaryResult().getScore();
        System.out.printf("%-24s round %d %-8s %14.1f ns%n", benchmark, round + 1, how, score);
        return score;
    }

    static double median(List<Double> scores) {
        List<Double> sorted = new ArrayList<>(scores);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String spread(List<Double> scores) {
        return scores.isEmpty() ? "" : String.format("(%.1f - %.1f)", Collections.min(scores), Collections.max(scores));
    }

    private static ChainedOptionsBuilder options(String benchmark) {
        int seconds = Integer.getInteger("bench.seconds", 2);
        return new OptionsBuilder()
                .include(SandboxBenchmark.class.getName() + "\\." + benchmark + "$")
                .forks(1)
                .warmupIterations(Integer.getInteger("bench.warmup", 3))
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(Integer.getInteger("bench.iterations", 5))
                .measurementTime(TimeValue.seconds(seconds))
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT);
    }
}
