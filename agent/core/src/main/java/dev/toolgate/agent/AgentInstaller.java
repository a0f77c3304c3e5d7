package dev.toolgate.agent;

import dev.toolgate.agent.alert.AlertDispatcher;
import dev.toolgate.agent.alert.AlertSettings;
import dev.toolgate.agent.approval.ApprovalSetup;
import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.audit.AuditPipeline;
import dev.toolgate.agent.audit.AuditSettings;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.audit.ship.Shipper;
import dev.toolgate.agent.budget.Budgets;
import dev.toolgate.agent.config.AgentConfig;
import dev.toolgate.agent.config.AgentVersion;
import dev.toolgate.agent.config.ConfigException;
import dev.toolgate.agent.config.ConfigReader;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.agent.decision.DecisionRecorder;
import dev.toolgate.agent.dispatch.DispatchInstrumentation;
import dev.toolgate.agent.dispatch.SiteKeys;
import dev.toolgate.agent.framework.FrameworkInstrumentation;
import dev.toolgate.agent.gate.Enforcement;
import dev.toolgate.agent.gate.RefusingGate;
import dev.toolgate.agent.gate.ToolGate;
import dev.toolgate.agent.instrument.ToolInstrumentation;
import dev.toolgate.agent.instrument.ToolRegistry;
import dev.toolgate.agent.policy.InstrumentRule;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policytool.PolicyTools;
import dev.toolgate.agent.provenance.Provenance;
import dev.toolgate.agent.reload.PolicyControl;
import dev.toolgate.agent.reload.PolicyReloader;
import dev.toolgate.agent.reload.PolicyWatcher;
import dev.toolgate.agent.reload.ReloadSettings;
import dev.toolgate.agent.sandbox.Sandbox;
import dev.toolgate.agent.sandbox.SandboxInstrumentation;
import dev.toolgate.agent.telemetry.Telemetry;
import dev.toolgate.agent.telemetry.TelemetrySettings;
import dev.toolgate.agent.telemetry.spans.GuardrailSpans;
import dev.toolgate.agent.validation.SettingException;
import dev.toolgate.bootstrap.ScopeBridge;
import dev.toolgate.bootstrap.ToolgateBridge;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts the agent: configuration, policy, audit log, gate, instrumentation, in that order. Whatever goes wrong,
 * tool methods are still instrumented and the gate refuses their calls with the problem as the reason: a broken
 * set-up never turns enforcement off.
 */
public final class AgentInstaller {

    private static final int MAX_REPORTED_INSTRUMENTATION_ERRORS = 20;

    private AgentInstaller() {}

    public static void install(String agentArguments, Instrumentation instrumentation, boolean attachedLater) {
        AgentConfig config;
        AuditSettings auditSettings;
        Optional<AlertSettings> alertSettings;
        ReloadSettings reloadSettings;
        TelemetrySettings telemetrySettings;
        try {
            ConfigReader reader = ConfigReader.forJvm(agentArguments);
            for (String warning : reader.warnings()) {
                System.err.println("[toolgate] WARNING: " + warning);
            }
            if (!reader.enabled()) {
                installNothing(reader);
                return;
            }
            config = reader.read();
            auditSettings = AuditSettings.read(config.auditFile(), reader::value);
            alertSettings = AlertSettings.read(reader::value);
            reloadSettings = ReloadSettings.read(reader::value);
            telemetrySettings = TelemetrySettings.read(reader::value);
        } catch (ConfigException e) {
            startRefusing(instrumentation, "the Toolgate configuration is invalid: " + e.getMessage());
            return;
        }
        ToolRegistry registry = new ToolRegistry();
        CallerResolver callers =
                new CallerResolver(config.agentId(), config.defaultRole().orElse(null));

        Policy policy = null;
        String problem = null;
        if (config.policyFile().isEmpty()) {
            problem = "no policy is configured; set toolgate.policy (-Dtoolgate.policy=FILE, TOOLGATE_POLICY, or"
                    + " policy=FILE in the agent arguments) to a YAML policy file";
        } else {
            try {
                policy = PolicyTools.loader().load(config.policyFile().get());
            } catch (PolicyException e) {
                problem = "the policy could not be loaded: " + e.getMessage();
            }
        }

        AuditPipeline audit = null;
        try {
            audit = AuditPipeline.open(
                    auditSettings,
                    policy == null
                            ? config.policyFile().map(Path::toString).orElse(null)
                            : policy.source().toString(),
                    policy == null ? null : policy.sha256(),
                    config.mode());
            attachOutputs(audit, auditSettings, alertSettings, config.mode());
        } catch (IOException | RuntimeException e) {
            String auditProblem = "the audit log " + config.auditFile().toAbsolutePath() + " cannot be opened (" + e
                    + "); calls are refused because they could not be recorded";
            problem = problem == null ? auditProblem : problem + "; and " + auditProblem;
        }

        List<AutoCloseable> resources = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Budgets budgets = null;
        Sandbox sandbox = null;
        Provenance provenance = null;
        PolicyAssembly assembly = null;
        Enforcement first = null;
        Telemetry telemetry = problem == null ? startTelemetry(telemetrySettings, audit, config.mode()) : null;
        if (telemetry != null) {
            resources.add(telemetry);
            notes.add(telemetry.describe());
        }
        if (problem == null) {
            try {
                ApprovalSetup approvals = ApprovalSetup.create(policy, config, audit);
                approvals.auditListener().ifPresent(audit::addListener);
                resources.add(approvals);
                notes.add(approvals.description());
                notes.add(reloadSettings.describe());
                budgets = Budgets.start(policy, audit, config.mode());
                resources.add(budgets::stop);
                sandbox = Sandbox.install(audit, config.mode());
                provenance = Provenance.start(policy);
                assembly = new PolicyAssembly(
                        budgets,
                        approvals,
                        sandbox,
                        provenance,
                        policy,
                        telemetry == null ? p -> DecisionRecorder.NONE : telemetry::recorderFor);
                first = assembly.first(policy);
            } catch (SettingException e) {
                problem = "the policy's validation settings cannot be used: key '" + e.key() + "': " + e.getMessage();
            } catch (ConfigException e) {
                problem = "the Toolgate configuration is invalid: " + e.getMessage();
            }
        }

        SiteKeys siteKeys = SiteKeys.generate();
        ToolGate gate = null;
        if (problem == null) {
            gate = ToolGate.builder()
                    .tools(registry)
                    .siteKeys(siteKeys)
                    .callers(callers)
                    .enforcement(first)
                    .audit(audit)
                    .mode(config.mode())
                    .build();
            assembly.gate(gate);
            ToolgateBridge.install(gate);
            ScopeBridge.install(gate.scopeGuard());
        } else {
            ToolgateBridge.install(new RefusingGate(registry, siteKeys, callers, audit, config.mode(), problem));
        }

        AtomicLong instrumentationErrors = new AtomicLong();
        List<InstrumentRule> rules = policy == null ? List.of() : policy.instrument();
        java.util.function.Consumer<String> onInstrumentationError = error -> {
            if (instrumentationErrors.incrementAndGet() <= MAX_REPORTED_INSTRUMENTATION_ERRORS) {
                System.err.println("[toolgate] WARNING: " + error);
            }
        };
        ToolInstrumentation.install(instrumentation, registry, rules, onInstrumentationError);
        DispatchInstrumentation.install(instrumentation, siteKeys, onInstrumentationError);
        if (sandbox != null && problem == null) {
            // After the gate is in place: a scope only ever opens for a call it let through.
            SandboxInstrumentation.install(instrumentation, onInstrumentationError);
        }
        if (problem == null) {
            // A model that never sees a tool it may not call cannot be talked into calling it; monitor mode
            // changes nothing the model sees.
            boolean hide = config.mode() == Mode.ENFORCE && policy.visibility().hidesDeniedTools();
            FrameworkInstrumentation.install(
                    instrumentation,
                    policy.sessions(),
                    callers,
                    budgets.tokens(),
                    provenance,
                    gate::insideCall,
                    hide ? assembly.permissions() : null,
                    audit,
                    config.mode(),
                    onInstrumentationError);
        }

        if (problem != null) {
            System.err.println("[toolgate] ERROR: " + problem + ". Every tool call is "
                    + (config.mode() == Mode.ENFORCE ? "refused" : "recorded as refused (monitor mode)")
                    + " until this is fixed.");
        } else {
            System.err.println("[toolgate] agent started: version " + AgentVersion.current() + ", policy "
                    + policy.source() + " (sha256 "
                    + policy.sha256().substring(0, 12) + "), mode "
                    + config.mode().wireName() + ", role "
                    + config.defaultRole().orElse("(from scope)") + ", audit "
                    + config.auditFile().toAbsolutePath()
                    + (notes.isEmpty() ? "" : ", " + String.join(", ", notes))
                    + (attachedLater ? ", attached to a running JVM" : ""));
        }
        // Read through the Attach API by 'toolgate attach', which reports it to the operator.
        System.setProperty(AgentVersion.STATE_PROPERTY, problem == null ? "started" : "refusing: " + problem);
        System.setProperty(
                AgentVersion.AUDIT_FILE_PROPERTY,
                config.auditFile().toAbsolutePath().toString());
        if (audit != null) {
            recordLifecycle(audit, callers, config, registry, instrumentationErrors, problem, resources);
        }
        if (problem == null) {
            startReloading(config, reloadSettings, policy, assembly, audit, callers, resources);
        }
    }

    /**
     * Watches the policy and offers a reload over JMX, as configured. Started after {@code agent_start} so that
     * every {@code policy_change} follows it in the audit log.
     */
    private static void startReloading(
            AgentConfig config,
            ReloadSettings settings,
            Policy policy,
            PolicyAssembly assembly,
            AuditLog audit,
            CallerResolver callers,
            List<AutoCloseable> resources) {
        if (!settings.watch() && !settings.jmx()) {
            return;
        }
        PolicyReloader reloader = PolicyReloader.builder()
                .source(config.policyFile().get())
                .loader(PolicyTools.loader())
                .applier(assembly)
                .initial(policy)
                .audit(audit, callers::current, config.mode())
                .build();
        if (settings.jmx()) {
            new PolicyControl(reloader).register();
        }
        if (settings.watch()) {
            resources.add(0, PolicyWatcher.start(reloader, settings.debounce(), settings.poll()));
        }
    }

    private static void recordLifecycle(
            AuditLog audit,
            CallerResolver callers,
            AgentConfig config,
            ToolRegistry registry,
            AtomicLong instrumentationErrors,
            String problem,
            List<AutoCloseable> resources) {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("version", AgentVersion.current());
        start.put("java_version", System.getProperty("java.version"));
        start.put("default_role", config.defaultRole().orElse(null));
        start.put("audit_file", config.auditFile().toAbsolutePath().toString());
        start.put("startup_problem", problem);
        audit.append(AuditEvent.lifecycle(EventType.AGENT_START, callers.current(), config.mode(), start));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // Approval channels first: requests still waiting are answered (refused) before agent_stop.
                            for (AutoCloseable resource : resources) {
                                try {
                                    resource.close();
                                } catch (Exception e) {
                                    System.err.println("[toolgate] WARNING: " + resource + " did not close: " + e);
                                }
                            }
                            Map<String, Object> stop = new LinkedHashMap<>();
                            stop.put("tools_instrumented", registry.size());
                            stop.put("instrumentation_errors", instrumentationErrors.get());
                            stop.put("internal_errors", ToolgateBridge.suppressedErrors());
                            stop.put("refused_bridge_calls", ToolgateBridge.refusedBridgeCalls());
                            audit.append(
                                    AuditEvent.lifecycle(EventType.AGENT_STOP, callers.current(), config.mode(), stop));
                            audit.close();
                        },
                        "toolgate-shutdown"));
    }

    /**
     * Metrics, OTLP export and guardrail spans, when a setting asks for them; otherwise none of their classes load.
     * Telemetry that cannot start (a port in use) is reported and left out: it never stops the gate.
     */
    private static Telemetry startTelemetry(TelemetrySettings settings, AuditPipeline audit, Mode mode) {
        if (!settings.exports() && !(settings.spans() && GuardrailSpans.otelAgentPresent())) {
            return null;
        }
        try {
            return Telemetry.start(settings, audit, audit::append, mode);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("[toolgate] WARNING: telemetry could not be started and is off: " + e);
            return null;
        }
    }

    /** Shipping to a collector and alerts for high-risk calls, when configured: both follow the audit file. */
    private static void attachOutputs(
            AuditPipeline audit, AuditSettings settings, Optional<AlertSettings> alerts, Mode mode) throws IOException {
        if (settings.ship().isPresent()) {
            audit.addListener(Shipper.start(settings.ship().get(), audit.stats(), audit::append));
        }
        if (alerts.isPresent()) {
            AlertSettings alert = alerts.get();
            audit.addListener(new AlertDispatcher(alert.channel(), alert.risks(), audit::append, audit.stats(), mode));
        }
    }

    /**
     * The kill switch ({@code enabled=false}): nothing is woven or installed, so tool calls run as without the
     * agent. It is said on stderr and, where the audit log can be opened, in an {@code agent_start} event, so that
     * switching enforcement off is never silent.
     */
    private static void installNothing(ConfigReader reader) {
        String origin = reader.resolve(ConfigReader.ENABLED)
                .map(setting -> setting.origin() + ", " + setting.source().label())
                .orElse("?");
        System.err.println("[toolgate] enforcement is OFF by configuration (" + ConfigReader.ENABLED + "=false, set by "
                + origin + "): the agent installed nothing; tool calls run ungated and unaudited. Remove the"
                + " setting to enforce the policy again.");
        try {
            AgentConfig config = reader.read();
            AuditSettings settings = AuditSettings.read(config.auditFile(), reader::value);
            AuditPipeline audit = AuditPipeline.open(
                    settings, config.policyFile().map(Path::toString).orElse(null), null, config.mode());
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("java_version", System.getProperty("java.version"));
            start.put("enforcement", "off");
            start.put("disabled_by", ConfigReader.ENABLED + "=false (" + origin + ")");
            start.put("audit_file", config.auditFile().toAbsolutePath().toString());
            audit.append(AuditEvent.lifecycle(
                    EventType.AGENT_START, new CallerResolver(config.agentId(), null).current(), config.mode(), start));
            audit.close();
        } catch (ConfigException | IOException | RuntimeException e) {
            System.err.println("[toolgate] WARNING: that enforcement is off could not be recorded in the audit log ("
                    + e.getMessage() + ")");
        }
    }

    private static void startRefusing(Instrumentation instrumentation, String reason) {
        System.setProperty(AgentVersion.STATE_PROPERTY, "refusing: " + reason);
        System.err.println("[toolgate] ERROR: " + reason + " Every tool call is refused until this is fixed.");
        ToolRegistry registry = new ToolRegistry();
        SiteKeys siteKeys = SiteKeys.generate();
        ToolgateBridge.install(
                new RefusingGate(registry, siteKeys, new CallerResolver("agent", null), null, Mode.ENFORCE, reason));
        ToolInstrumentation.install(instrumentation, registry, List.of(), error -> {});
        DispatchInstrumentation.install(instrumentation, siteKeys, error -> {});
    }
}
