package dev.toolgate.bench;

import dev.toolgate.api.Toolgate;
import dev.toolgate.api.ToolgateScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * The cost of one tool call. The same class runs in JVMs without the agent and with it (see
 * {@link RunBenchmarks}); the difference between the two for {@link #allowedCall()} is the time the agent adds
 * to a call it lets through.
 *
 * <p>{@code baseline} and {@code allowedCall} run in two modes: {@code avgt} gives the mean time per call without
 * timer overhead; {@code sample} times single calls, for the median and the tail (each sample includes the cost
 * of reading the clock, the same with and without the agent). The other benchmarks run in {@code sample} mode
 * only.
 *
 * <p>{@code allowedCall} calls the tool back to back, as fast as the gate lets it: far more calls per second
 * than the audit writer can record, so the audit queue fills and the figures include the time spent waiting for
 * room in it. The {@code paced} benchmarks call at a rate the writer keeps up with.
 *
 * <p>With the agent attached, the JVM must run with the role {@code bench_agent} of the benchmark policy; the
 * set-up checks that the allowed tool runs and the denied tool is refused, so a misconfigured run fails instead
 * of measuring the wrong thing.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ToolCallBenchmark {

    private final BenchTools tools = new BenchTools();
    private final BenchExecutor executor = new BenchExecutor();
    private final dev.langchain4j.agent.tool.ToolExecutionRequest request =
            dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                    .id("1")
                    .name(BenchExecutor.TOOL)
                    .arguments("{\"query\": \"select count(*) from orders\"}")
                    .build();
    private final Probe probe = new Probe();
    private String query = "select count(*) from orders";
    private ToolgateScope scope;

    @Setup(Level.Trial)
    public void checkSetUp() {
        if (!Toolgate.isAttached()) {
            tools.deniedTool(query);
            tools.allowedTool(query);
            return;
        }
        tools.allowedTool(query); // throws if the agent refuses it: wrong role or policy
        executor.execute(request, null);
        try {
            tools.deniedTool(query);
            throw new IllegalStateException("the agent is attached but did not refuse " + BenchTools.DENIED_TOOL
                    + "; is the benchmark policy in use?");
        } catch (SecurityException expected) {
            // as it should be
        }
    }

    @Setup(Level.Iteration)
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        if (benchmark.getBenchmark().endsWith(".allowedCallInScope")) {
            scope = Toolgate.scope()
                    .role(RunBenchmarks.ROLE)
                    .session("bench-session")
                    .open();
        }
        probe.start(benchmark, iteration);
    }

    @TearDown(Level.Iteration)
    public void afterIteration() {
        probe.stop();
        if (scope != null) {
            scope.close();
            scope = null;
        }
    }

    /** The same work as the tools, in a method no one gates. */
    @Benchmark
    public int baseline() {
        return tools.plainMethod(query);
    }

    /** A tool the policy allows: decision, two audit events (decision and result), the tool itself. */
    @Benchmark
    public int allowedCall() {
        return tools.allowedTool(query);
    }

    /**
     * A tool that is not a Java method but a LangChain4j {@code ToolExecutor}: gated at the dispatch point, its
     * JSON arguments read into named values. Compare what the agent adds here with {@link #allowedCall()}.
     */
    @Benchmark
    public String dispatchedCall() {
        return executor.execute(request, null);
    }

    /** As {@link #dispatchedCall()}, paced like {@link #pacedAllowedCall}. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public String pacedDispatchedCall(Pace pace) {
        return executor.execute(request, null);
    }

    /**
     * As {@link #baseline()}, but called at most once every {@value Pace#INTERVAL_MICROS} µs; the wait between
     * calls is not timed.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public int pacedBaseline(Pace pace) {
        return tools.plainMethod(query);
    }

    /**
     * As {@link #allowedCall()}, but called at most once every {@value Pace#INTERVAL_MICROS} µs, a rate the
     * audit writer keeps up with: the cost of an allowed call when the audit queue is not full.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public int pacedAllowedCall(Pace pace) {
        return tools.allowedTool(query);
    }

    /**
     * As {@link #allowedCall()}, with a caller scope open on the thread, as an application that sets the role
     * and session per conversation has.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public int allowedCallInScope() {
        return tools.allowedTool(query);
    }

    /** A tool the policy denies: decision, one audit event, the exception, and catching it. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public Object deniedCall() {
        try {
            return tools.deniedTool(query);
        } catch (SecurityException refused) {
            return refused;
        }
    }

    /** Spaces the calls of the paced benchmarks: waits, untimed, until the next call is due. */
    @State(Scope.Thread)
    public static class Pace {

        static final long INTERVAL_MICROS = 50;
        private static final long INTERVAL_NANOS = INTERVAL_MICROS * 1_000;

        private long next;

        @Setup(Level.Invocation)
        public void waitForNextSlot() {
            long now = System.nanoTime();
            while (now < next) {
                Thread.onSpinWait();
                now = System.nanoTime();
            }
            next = now + INTERVAL_NANOS;
        }
    }
}
