package dev.toolgate.bench;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.audit.AuditPipeline;
import dev.toolgate.agent.audit.AuditSettings;
import dev.toolgate.agent.decision.CallPipeline;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.agent.dispatch.DispatchSite;
import dev.toolgate.agent.dispatch.SiteKeys;
import dev.toolgate.agent.gate.Enforcement;
import dev.toolgate.agent.gate.ToolGate;
import dev.toolgate.agent.instrument.ParameterType;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolRegistry;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.telemetry.Telemetry;
import dev.toolgate.agent.telemetry.TelemetrySettings;
import dev.toolgate.agent.validation.ArgumentValidationStage;
import dev.toolgate.agent.validation.ResultScreeningStage;
import dev.toolgate.agent.validation.ValidationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gate alone, in process and without the audit writer: what deciding a method call costs against what
 * deciding the same call at a framework's dispatch point costs (reading the request, its JSON arguments, the
 * tool behind the executor). The audit log here accepts every event and does nothing with it, so the figures are
 * the tool thread's own work, free of the writer's pace.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GateBenchmark {

    private static final String POLICY = String.join(
            "\n",
            "version: 1",
            "roles:",
            "  bench_agent:",
            "    allowed_tools: [" + BenchTools.ALLOWED_TOOL + ", " + BenchExecutor.TOOL + "]",
            "tools:",
            "  " + BenchTools.ALLOWED_TOOL + ": {risk: read}",
            "  " + BenchExecutor.TOOL + ": {risk: read}",
            "");

    private final String query = "select count(*) from orders";
    private final BenchExecutor executor = new BenchExecutor();
    private final ToolExecutionRequest request = ToolExecutionRequest.builder()
            .id("1")
            .name(BenchExecutor.TOOL)
            .arguments("{\"query\": \"" + query + "\"}")
            .build();
    /** off: no telemetry (the default); on: decision metrics, served over JMX and OTLP. */
    @Param({"off", "on"})
    public String telemetry;

    private ToolGate gate;
    private AuditPipeline telemetryAudit;
    private Telemetry telemetryStarted;
    private int toolId;
    private long toolKey;
    private int site;
    private long siteKey;

    @Setup
    public void setUp() throws Exception {
        Path file = Files.createTempFile("gate-bench", ".yaml");
        Files.writeString(file, POLICY);
        Policy policy = new PolicyLoader(ValidationSettings.POLICY_CHECK).load(file);
        Files.delete(file);
        ToolRegistry registry = new ToolRegistry();
        toolId = registry.register(
                BenchTools.class.getName() + "#allowedTool(Ljava/lang/String;)I",
                id -> new ToolDescriptor(
                        id,
                        BenchTools.ALLOWED_TOOL,
                        BenchTools.class.getName(),
                        "allowedTool",
                        List.of("query"),
                        RiskLevel.READ,
                        ToolSource.AGENT_TOOL,
                        List.of(new ParameterType("java.lang.String", List.of(), true, List.of()))));
        toolKey = registry.key(toolId);
        SiteKeys keys = SiteKeys.generate();
        site = DispatchSite.LANGCHAIN4J_TOOL_EXECUTOR.ordinal();
        siteKey = keys.key(DispatchSite.LANGCHAIN4J_TOOL_EXECUTOR);
        ArgumentValidationStage validation = new ArgumentValidationStage(policy);
        Enforcement.Builder enforcement = Enforcement.builder()
                .pipeline(CallPipeline.forPolicy(policy).validation(validation).build())
                .resultScreening(new ResultScreeningStage(validation.settings()));
        if (telemetry.equals("on")) {
            // The audit log the exporters follow; the gate's own log below still discards, as with telemetry off.
            Path auditFile = Files.createTempFile("gate-bench", ".jsonl");
            telemetryAudit = AuditPipeline.open(
                    AuditSettings.defaults(auditFile).withoutJmx(), null, null, dev.toolgate.agent.config.Mode.ENFORCE);
            Map<String, String> settings = Map.of(
                    "metrics.enabled", "true",
                    "otlp.endpoint", "http://127.0.0.1:9",
                    "otlp.metrics.interval", "60s");
            telemetryStarted = Telemetry.start(
                    TelemetrySettings.read(key -> Optional.ofNullable(settings.get(key))),
                    telemetryAudit,
                    telemetryAudit::append,
                    dev.toolgate.agent.config.Mode.ENFORCE);
            enforcement.recorder(telemetryStarted.recorderFor(policy));
        }
        gate = ToolGate.builder()
                .tools(registry)
                .siteKeys(keys)
                .callers(new CallerResolver("agent", "bench_agent"))
                .enforcement(enforcement.build())
                .audit(AuditLog.discarding())
                .mode(dev.toolgate.agent.config.Mode.ENFORCE)
                .build();
        methodCall();
        dispatchedCall();
    }

    @TearDown
    public void tearDown() {
        if (telemetryStarted != null) {
            telemetryStarted.close();
            telemetryAudit.close();
        }
    }

    /** An annotated method's call: the woven advice's {@code enter}, the body, {@code exit} and {@code result}. */
    @Benchmark
    public Object methodCall() {
        Object token = gate.enter(toolId, toolKey, new Object[] {query});
        Integer result = query.length();
        gate.exit(token, result, null);
        return gate.result(token, result);
    }

    /** A LangChain4j {@code ToolExecutor}'s call, decided at its dispatch point. */
    @Benchmark
    public Object dispatchedCall() {
        Object token = gate.dispatch(site, siteKey, executor, new Object[] {request, null});
        String result = executor.execute(request, null);
        gate.exit(token, result, null);
        return gate.result(token, result);
    }
}
