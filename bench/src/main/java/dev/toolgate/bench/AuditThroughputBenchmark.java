package dev.toolgate.bench;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditPipeline;
import dev.toolgate.agent.audit.AuditSettings;
import dev.toolgate.agent.audit.FsyncPolicy;
import dev.toolgate.agent.audit.file.Rotation;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.RiskLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sustained audit events per second written to a file, by Toolgate's audit pipeline (chained, canonical JSON,
 * group commit: fsync every 10 ms) and by Logback with its {@code JsonEncoder} writing the same events, in the
 * same run. Each operation hands one decision event to the writer; the writers' queues are bounded, so once
 * they are full a caller waits for room and the figure is what the writer sustains. At the end of each trial the
 * lines in the files are counted: every event handed over must be there (zero loss), or the trial fails.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar AuditThroughput
 * }</pre>
 *
 * About 300 MB of files per second of measurement go to a directory under {@code java.io.tmpdir}, deleted after
 * each trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class AuditThroughputBenchmark {

    private static final ToolDescriptor TOOL = new ToolDescriptor(
            0,
            "sql_read",
            "com.example.tools.SqlTools",
            "sqlRead",
            List.of("query"),
            RiskLevel.READ,
            ToolSource.AGENT_TOOL);
    private static final Caller CALLER = new Caller("data-bot", "data_agent", "session-7f3a9c");
    private static final Decision DECISION = Decision.allow(
            RiskLevel.READ,
            "tool 'sql_read' is in allowed_tools of role 'data_agent' (entry 'sql_read')",
            "roles.data_agent.allowed_tools");
    private static final String POLICY = "/etc/toolgate/policy.yaml";
    private static final String POLICY_SHA = "e359fb07bea8cd250ee7a3c9f4828b80d5e69d4de98e50746935d43b9f096c79";

    /** toolgate: the audit pipeline; logback: FileAppender + JsonEncoder; logback-async: AsyncAppender in front. */
    @Param({"toolgate", "logback", "logback-async"})
    public String writer;

    private Path dir;
    private AuditPipeline toolgate;
    private LoggerContext logback;
    private Logger logger;
    private final LongAdder handedOver = new LongAdder();

    /**
     * MB written to a scratch file, forced to disk and deleted before each trial. On a virtual machine the first
     * write into page cache memory the guest has never touched costs about ten times a write into memory freed a
     * moment ago (measured here with dd: 0.4–0.5 GB/s against 4–5 GB/s), so whichever writer ran first would pay
     * for the others; forcing it leaves no dirty pages behind to slow the trial down. Every trial starts from the
     * same state. 0 turns it off.
     */
    private static final long WARM_MB = Long.getLong("bench.audit.warmMb", 4096);

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("toolgate-audit-bench");
        warmPageCache(dir.resolve("scratch"), WARM_MB);
        Path file = dir.resolve("audit.jsonl");
        if (writer.equals("toolgate")) {
            toolgate = AuditPipeline.open(
                    AuditSettings.defaults(file)
                            .withFsync(FsyncPolicy.INTERVAL)
                            .withRotation(new Rotation(0, Duration.ZERO))
                            .withoutJmx(),
                    POLICY,
                    POLICY_SHA,
                    Mode.ENFORCE);
        } else {
            logback = new LoggerContext();
            logback.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(logback);
            encoder.start();
            FileAppender<ILoggingEvent> appender = new FileAppender<>();
            appender.setContext(logback);
            appender.setFile(file.toString());
            appender.setEncoder(encoder);
            appender.setImmediateFlush(false); // Logback's fastest file set-up: a buffered stream
            appender.start();
            logger = logback.getLogger("toolgate.audit");
            logger.setAdditive(false);
            if (writer.equals("logback-async")) {
                AsyncAppender async = new AsyncAppender();
                async.setContext(logback);
                async.setQueueSize(65_536);
                async.setDiscardingThreshold(0); // never drop
                async.setNeverBlock(false);
                async.addAppender(appender);
                async.start();
                logger.addAppender(async);
            } else {
                logger.addAppender(appender);
            }
        }
    }

    @Benchmark
    public void decisionEvent(Calls calls) {
        String query = "SELECT count(*) FROM orders WHERE id = " + calls.next++;
        if (toolgate != null) {
            if (!toolgate.append(AuditEvent.decision(CALLER, TOOL, new Object[] {query}, DECISION, Mode.ENFORCE))) {
                throw new IllegalStateException("event not accepted: " + toolgate.problem());
            }
        } else {
            logger.makeLoggingEventBuilder(org.slf4j.event.Level.INFO)
                    .addKeyValue("event_type", "decision")
                    .addKeyValue("agent_id", CALLER.agentId())
                    .addKeyValue("role", CALLER.role())
                    .addKeyValue("session_id", CALLER.sessionId())
                    .addKeyValue("tool", TOOL.name())
                    .addKeyValue("method", TOOL.declaringClass() + "#" + TOOL.method())
                    .addKeyValue("params.query", query)
                    .addKeyValue("risk_level", "read")
                    .addKeyValue("decision", "allow")
                    .addKeyValue("reason", DECISION.reason())
                    .addKeyValue("rule", DECISION.rule())
                    .addKeyValue("mode", "enforce")
                    .addKeyValue("policy_file", POLICY)
                    .addKeyValue("policy_sha256", POLICY_SHA)
                    .log("decision");
        }
        handedOver.increment();
    }

    /** Per benchmark thread: a counter for distinct arguments. */
    @State(Scope.Thread)
    public static class Calls {
        long next;
    }

    @TearDown(Level.Trial)
    public void closeAndCount() throws IOException {
        long expected = handedOver.sum();
        if (toolgate != null) {
            toolgate.close();
            expected += 1; // the file_start event
        } else {
            logback.stop();
        }
        long lines = countLines(dir);
        deleteAll(dir);
        if (lines != expected) {
            throw new IllegalStateException(
                    writer + " lost events: " + expected + " handed over, " + lines + " lines written");
        }
        System.out.println("\n" + writer + ": " + expected + " events handed over, " + lines + " lines in the file:"
                + " zero loss");
    }

    private static void warmPageCache(Path scratch, long megabytes) throws IOException {
        if (megabytes <= 0) {
            return;
        }
        ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long i = 0; i < megabytes; i++) {
                channel.write(block.clear());
            }
            channel.force(true);
        }
        Files.delete(scratch);
    }

    private static long countLines(Path dir) throws IOException {
        long lines = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    while (channel.read(buffer.clear()) > 0) {
                        buffer.flip();
                        while (buffer.hasRemaining()) {
                            if (buffer.get() == '\n') {
                                lines++;
                            }
                        }
                    }
                }
            }
        }
        return lines;
    }

    private static void deleteAll(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
