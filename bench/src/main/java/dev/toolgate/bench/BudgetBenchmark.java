package dev.toolgate.bench;

import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.budget.Budgets;
import dev.toolgate.agent.decision.CallObserver;
import dev.toolgate.agent.decision.CallStage;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.validation.ValidationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What budget accounting adds to a tool call: the budget stage (session look-up, standing limits, the
 * compare-and-set that counts the call) and the exit-path observer, as the gate runs them, in process and
 * without the rest of the gate. {@code sessions=shared}: every thread calls in one session, so the threads
 * compete for its counts; {@code per-thread}: each thread has its own session. {@code timed}: the tool has a
 * {@code call_timeout_ms}, so each call is also handed to the watchdog.
 *
 * <p>Run with 1, 2 and 8 threads: {@code java -cp bench/target/benchmarks.jar dev.toolgate.bench.BudgetBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BudgetBenchmark {

    /** Limits every call is checked against; none is reached during a run. */
    private static final String POLICY = String.join(
            "\n",
            "roles:",
            "  bench_agent:",
            "    allowed_tools: [\"*\"]",
            "    resource_limits:",
            "      max_tokens: 1000000000",
            "      timeout_seconds: 31536000",
            "      max_calls_per_risk: {delete: 3}",
            "tools:",
            "  timed_tool: {risk: read, call_timeout_ms: 60000}",
            "");

    @State(Scope.Benchmark)
    public static class Gate {
        Budgets budgets;
        CallStage stage;
        CallObserver observer;

        @Setup(Level.Trial)
        public void start() throws Exception {
            Path file = Files.createTempFile("budget-bench", ".yaml");
            Files.writeString(file, POLICY);
            Policy policy = new PolicyLoader(ValidationSettings.POLICY_CHECK).load(file);
            Files.delete(file);
            budgets = Budgets.start(policy, AuditLog.discarding(), dev.toolgate.agent.config.Mode.ENFORCE);
            stage = budgets.stage();
            observer = budgets.observer();
        }

        @TearDown(Level.Trial)
        public void stop() {
            budgets.stop();
        }
    }

    @State(Scope.Thread)
    public static class Call {
        private static final AtomicInteger THREADS = new AtomicInteger();

        @Param({"shared", "per-thread"})
        String sessions;

        @Param({"untimed", "timed"})
        String tool;

        ToolCall call;
        Decision allowed;

        @Setup(Level.Trial)
        public void prepare() {
            String session = sessions.equals("shared") ? "bench-session" : "bench-session-" + THREADS.incrementAndGet();
            String name = tool.equals("timed") ? "timed_tool" : "plain_tool";
            call = new ToolCall(
                    new ToolDescriptor(0, name, "Bench", name, List.of("q"), RiskLevel.READ, ToolSource.AGENT_TOOL),
                    new Caller("bench", "bench_agent", session),
                    new Object[] {"q"});
            allowed = Decision.allow(RiskLevel.READ, "allowed", "roles.bench_agent.allowed_tools");
        }
    }

    /** The budget stage and observer around one call, as the gate runs them. */
    @Benchmark
    public Object budgetedCall(Gate gate, Call call) {
        Decision decision = gate.stage.apply(call.call, call.allowed);
        Object token = gate.observer.started(call.call, decision);
        return gate.observer.ending(call.call, token, "result", null);
    }

    public static void main(String[] args) throws RunnerException {
        for (int threads : new int[] {1, 2, 8}) {
            new Runner(new OptionsBuilder()
                            .include(BudgetBenchmark.class.getName() + "\\.")
                            .threads(threads)
                            .forks(Integer.getInteger("bench.forks", 1))
                            .warmupIterations(Integer.getInteger("bench.warmup", 3))
                            .warmupTime(TimeValue.seconds(1))
                            .measurementIterations(Integer.getInteger("bench.iterations", 5))
                            .measurementTime(TimeValue.seconds(1))
                            .jvmArgs("-Xms1g", "-Xmx1g")
                            .build())
                    .run();
        }
    }
}
