package dev.toolgate.agent.gate;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallObserver;
import dev.toolgate.agent.decision.CallPipeline;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.DecisionRecorder;
import dev.toolgate.agent.decision.ResultCapture;
import dev.toolgate.agent.decision.ResultReceipt;
import dev.toolgate.agent.decision.ResultStage;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.dispatch.DispatchRequest;
import dev.toolgate.agent.dispatch.DispatchSite;
import dev.toolgate.agent.dispatch.DispatchedTools;
import dev.toolgate.agent.dispatch.ResultText;
import dev.toolgate.agent.dispatch.SiteKeys;
import dev.toolgate.agent.dispatch.ToolArguments;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolRegistry;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.bootstrap.CallGate;
import dev.toolgate.bootstrap.CallerContext;
import dev.toolgate.bootstrap.ConversationBridge;
import dev.toolgate.bootstrap.ScopeBridge;
import dev.toolgate.bootstrap.ToolCallDeniedException;
import dev.toolgate.bootstrap.ToolgateBridge;

/**
 * The gate in front of every tool call, whether it reaches a tool method or a framework's dispatch point. Per
 * call: who calls, the {@link CallPipeline} (risk, permission, arguments, budgets, approval), the decision in the
 * audit log, refusal or the body, result screening, the outcome in the audit log. A dispatched call that goes on
 * to an annotated method of the same tool is the same call, gated once. In enforce mode an error inside the gate
 * refuses the call; in monitor mode nothing is refused.
 */
public final class ToolGate implements CallGate {

    /** The token of an entry that belongs to the call already being gated on this thread. */
    private static final Object SAME_CALL = new Object();

    private final ToolRegistry tools;
    private final DispatchedTools dispatched;
    private final SiteKeys siteKeys;
    private final CallerResolver callers;
    /**
     * The policy version new calls are decided by: read once per call, at entry (the call's only volatile read of
     * it), and replaced whole by {@link #replace} on a reload.
     */
    private volatile Enforcement enforcement;

    private final AuditLog audit;
    private final Mode mode;
    private final CallStack stack = new CallStack();

    private ToolGate(Builder builder) {
        this.tools = builder.tools;
        this.dispatched = new DispatchedTools(builder.tools);
        this.siteKeys = builder.siteKeys;
        this.callers = builder.callers;
        this.enforcement = builder.enforcement;
        this.audit = builder.audit;
        this.mode = builder.mode;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes {@code next} the policy version of calls that enter from now on; calls already running finish under
     * the one they entered with.
     *
     * @return the version it replaces
     */
    public Enforcement replace(Enforcement next) {
        if (next == null) {
            throw new IllegalArgumentException("the gate always enforces a policy; null cannot replace it");
        }
        Enforcement previous = enforcement;
        enforcement = next;
        return previous;
    }

    /** The policy version new calls are decided by. */
    public Enforcement current() {
        return enforcement;
    }

    /** Whether the current thread is running a gated tool call's body. */
    public boolean insideCall() {
        return stack.current() != null;
    }

    /** Refuses scopes that would change who calls while a tool call runs; install with {@link ScopeBridge}. */
    public ScopeBridge.Guard scopeGuard() {
        return stack;
    }

    @Override
    public Object enter(int toolId, long key, Object[] arguments) {
        ToolDescriptor tool = tools.get(toolId, key);
        if (tool == null) {
            ToolgateBridge.countRefusedBridgeCall();
            throw new ToolCallDeniedException(
                    "#" + toolId,
                    null,
                    "this call of the bridge did not come from a"
                            + " gated tool method; it is refused and not recorded as a tool call");
        }
        ActiveCall parent = stack.current();
        if (parent != null
                && parent.toolName().equals(tool.name())
                && (!parent.bodyReached || isSuperCall(parent, tool))) {
            parent.bodyReached = true;
            return SAME_CALL;
        }
        Object[] checked;
        try {
            checked = ArgumentCopies.of(arguments);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError internal) {
            return failInternally(tool.name(), internal, null);
        }
        Entry entry = new Entry(tool, checked != null ? checked : arguments, parent);
        if (checked != null) {
            // The body gets copies of its own, so that what it does to them cannot change what is audited.
            entry.bodyArguments = ArgumentCopies.of(checked);
        }
        return open(entry);
    }

    /**
     * An override calling the method it overrides ({@code super.deploy(…)}), both woven as the same tool: one call.
     * The same method calling itself is a call of its own.
     */
    private static boolean isSuperCall(ActiveCall parent, ToolDescriptor tool) {
        ToolDescriptor outer = parent.call.tool();
        return parent.site == null
                && outer.method().equals(tool.method())
                && !outer.declaringClass().equals(tool.declaringClass());
    }

    @Override
    public Object dispatch(int site, long key, Object receiver, Object[] arguments) {
        DispatchSite kind = DispatchSite.of(site);
        if (kind == null || !siteKeys.matches(kind, key) || arguments == null) {
            ToolgateBridge.countRefusedBridgeCall();
            throw new ToolCallDeniedException(
                    "(dispatched tool)",
                    null,
                    "this call of the bridge did not come"
                            + " from a framework's tool dispatch point; it is refused and not recorded as a tool call");
        }
        ActiveCall parent = stack.current();
        DispatchRequest request;
        try {
            request = kind.read(receiver, arguments);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError | StackOverflowError internal) {
            Entry entry = new Entry(null, null, parent);
            entry.dispatchedAt(kind, receiver, arguments);
            return failInternally("(dispatched tool)", internal, entry);
        }
        if (parent != null && !parent.bodyReached && parent.toolName().equals(request.toolName())) {
            return SAME_CALL;
        }
        DispatchedTools.Described described = dispatched.describe(kind, request);
        String problem = described.problem();
        ToolArguments parsed = null;
        if (problem == null) {
            try {
                parsed = ToolArguments.parse(request.arguments(), dispatched.lastNames(described.tool()));
            } catch (ToolArguments.Unreadable unreadable) {
                problem = "the arguments of tool '" + described.tool().name() + "' could not be read: "
                        + unreadable.getMessage();
            }
        }
        ToolDescriptor tool = parsed == null ? described.tool() : dispatched.named(described.tool(), parsed.names());
        Entry entry = new Entry(tool, parsed == null ? null : parsed.values(), parent);
        entry.dispatchedAt(kind, receiver, arguments);
        entry.problem = problem;
        if (parent == null) {
            // The framework's conversation (LangChain4j's InvocationContext, Spring AI's ToolContext) names the
            // caller; it holds for the call and is put back when the call ends.
            ConversationBridge.enter(arguments);
        }
        return open(entry);
    }

    /** Decides, audits, refuses or starts the call. */
    private Object open(Entry entry) {
        Enforcement policy = enforcement;
        CallPipeline pipeline = policy.pipeline;
        long deciding = policy.recorder == DecisionRecorder.NONE ? 0 : System.nanoTime();
        Caller caller;
        ToolCall call;
        Decision decision;
        long decided;
        boolean recorded;
        try {
            caller = callerOf(entry);
            call = new ToolCall(entry.tool, caller, entry.arguments);
            decision = entry.problem != null
                    ? pipeline.refused(call, entry.problem, "dispatch.request")
                    : pipeline.decide(call);
            // One clock reading serves the decision's metrics and the call's duration.
            decided = System.nanoTime();
            policy.recorder.decided(caller, entry.tool, decision, deciding, decided);
            // The arrays handed over are the gate's own (the advice's fresh array, a copy, or parsed JSON).
            recorded = audit.append(AuditEvent.decision(
                    caller, entry.tool, entry.arguments, decision, mode, policy.tokensUsed.applyAsLong(caller)));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError internal) {
            return failInternally(entry.tool.name(), internal, entry);
        }
        if (!decision.allowed() && mode == Mode.ENFORCE) {
            return refuse(entry, new ToolCallDeniedException(entry.tool.name(), caller.role(), decision.reason()));
        }
        if (!recorded && decision.risk() != RiskLevel.READ && mode == Mode.ENFORCE) {
            // An action that cannot be recorded does not happen: fail closed.
            String why = audit.problem();
            return refuse(
                    entry,
                    new ToolCallDeniedException(
                            entry.tool.name(),
                            caller.role(),
                            "the audit log cannot"
                                    + " record this call ("
                                    + (why != null ? why : "it did not confirm the record in time")
                                    + "); calls other than READ are refused until it can"));
        }
        Object[] started;
        try {
            started = start(policy.observers, call, decision);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError internal) {
            return failInternally(entry.tool.name(), internal, entry);
        }
        ActiveCall active = ActiveCall.builder(call, decision)
                .decidedAt(decided)
                .enforcement(policy)
                .observerTokens(started)
                .dispatchedAt(entry.site, entry.receiver, entry.siteArguments)
                .bodyArguments(entry.bodyArguments)
                .within(entry.parent, entry.scopeBefore, entry.conversationBefore)
                .build();
        stack.push(active);
        return active;
    }

    /**
     * Who makes the call: the running call's caller inside a tool body, the caller a thread is bound to when a tool
     * call started it, else the thread's scope, framework conversation or the configuration.
     */
    private Caller callerOf(Entry entry) {
        if (entry.parent != null) {
            return entry.parent.call.caller();
        }
        CallStack.BoundCaller bound = stack.bound();
        return bound != null ? bound.caller() : callers.current();
    }

    /** Tells the observers the body is about to run; if one fails, those already told are told it ended. */
    private static Object[] start(CallObserver[] observers, ToolCall call, Decision decision) {
        if (observers.length == 0) {
            return null;
        }
        Object[] tokens = new Object[observers.length];
        int i = 0;
        try {
            for (; i < observers.length; i++) {
                tokens[i] = observers[i].started(call, decision);
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError failed) {
            for (int j = 0; j < i; j++) {
                try {
                    observers[j].ending(call, tokens[j], null, failed);
                } catch (RuntimeException | Error ignored) {
                    // the call is refused anyway; the first failure is the one reported
                }
            }
            throw failed;
        }
        return tokens;
    }

    @Override
    public void toolListed(long key, Object specification, Object executor) {
        if (!siteKeys.matchesListing(key)) {
            ToolgateBridge.countRefusedBridgeCall();
            return;
        }
        try {
            dispatched.listed(specification, executor);
        } catch (RuntimeException | LinkageError unreadable) {
            ToolgateBridge.countSuppressedError();
        }
    }

    @Override
    public Object[] bodyArguments(Object token) {
        return token instanceof ActiveCall active && active == stack.current() ? active.bodyArguments : null;
    }

    @Override
    public Throwable exit(Object token, Object result, Throwable thrown) {
        if (token == SAME_CALL) {
            return thrown;
        }
        if (!(token instanceof ActiveCall active) || active != stack.current()) {
            ToolgateBridge.countRefusedBridgeCall();
            return thrown;
        }
        stack.pop(active);
        restoreCaller(active.scopeBefore, active.conversationBefore);
        Throwable outcome = thrown;
        boolean recorded = true;
        ToolCall call = active.call;
        Enforcement policy = active.enforcement;
        CallObserver[] observers = policy.observers;
        ResultStage.Screened screened = new ResultStage.Screened(result, active.decision, null);
        try {
            long duration = System.nanoTime() - active.startNanos;
            screened = screen(active, result, thrown);
            // What the tool really did is recorded, even when an observer ends the call differently.
            ResultReceipt receipt =
                    thrown == null && policy.capture != null ? capture(policy.capture, call, screened) : null;
            recorded = audit.append(outcomeEvent(policy, call, screened, thrown, duration, receipt));
            Object[] started = active.observerTokens;
            for (int i = 0; i < observers.length; i++) {
                outcome = observers[i].ending(call, started == null ? null : started[i], result, outcome);
            }
            for (CallObserver observer : observers) {
                observer.completed(call, active.decision, result, thrown, duration);
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError internal) {
            ToolgateBridge.countSuppressedError();
            System.err.println("[toolgate] ERROR: the outcome of a tool call could not be audited: " + internal);
            recorded = false;
        }
        if (!recorded && outcome == null && mode == Mode.ENFORCE && active.decision.risk() != RiskLevel.READ) {
            // The tool ran, but nothing says so on disk: the caller does not get to act on the result either.
            ToolgateBridge.countSuppressedError();
            return refuseAfterRun(
                    active,
                    new ToolCallDeniedException(
                            call.tool().name(),
                            call.caller().role(),
                            "the tool ran but its result could not be recorded in the audit log ("
                                    + (audit.problem() == null ? "the audit log refused it" : audit.problem())
                                    + "); the result is withheld"));
        }
        if (outcome == null && screened.refusal() != null) {
            return refuseAfterRun(
                    active,
                    new ToolCallDeniedException(
                            call.tool().name(), call.caller().role(), screened.refusal()));
        }
        if (outcome != thrown && outcome instanceof ToolCallDeniedException cutOff) {
            return refuseAfterRun(active, cutOff);
        }
        if (screened.result() != result) {
            active.replacement = screened.result();
        }
        return outcome;
    }

    @Override
    public Object result(Object token, Object result) {
        if (!(token instanceof ActiveCall active)) {
            return result;
        }
        Object replacement = active.replacement;
        return replacement == ActiveCall.UNCHANGED ? result : replacement;
    }

    /**
     * The outcome as the audit records it: a framework's result object by its text, and as an {@code error} event
     * when it is the framework's error result (a dispatch point that returned the failure instead of throwing).
     */
    private AuditEvent outcomeEvent(
            Enforcement policy,
            ToolCall call,
            ResultStage.Screened screened,
            Throwable thrown,
            long duration,
            ResultReceipt receipt) {
        Object result = screened.result();
        long tokens = policy.tokensUsed.applyAsLong(call.caller());
        if (thrown == null && result != null && !(result instanceof String)) {
            ResultText text = ResultText.of(result);
            if (text.isError()) {
                return AuditEvent.errorResult(
                        call.caller(), call.tool(), screened.decision(), mode, text.text(), duration, tokens);
            }
            if (text.text() != null) {
                result = text.text();
            }
        }
        return AuditEvent.outcome(
                call.caller(), call.tool(), screened.decision(), mode, result, thrown, duration, tokens, receipt);
    }

    /** What the caller receives, remembered for the provenance of later calls; the text is never copied. */
    private static ResultReceipt capture(ResultCapture capture, ToolCall call, ResultStage.Screened screened) {
        Object result = screened.result();
        if (result == null) {
            return null;
        }
        String text =
                result instanceof String string ? string : ResultText.of(result).text();
        if (text == null) {
            try {
                // What a framework shows the model of an object is close to its text; never looked at otherwise.
                text = String.valueOf(result);
            } catch (RuntimeException unprintable) {
                text = null;
            }
        }
        return capture.captured(call, text);
    }

    /** Result screening, on the text of whatever the tool or dispatch point returned. */
    private ResultStage.Screened screen(ActiveCall active, Object result, Throwable thrown) {
        ResultStage results = active.enforcement.results;
        if (results == Enforcement.NO_SCREENING) {
            return new ResultStage.Screened(result, active.decision, null);
        }
        ResultText text = ResultText.of(result);
        ResultStage.Screened screened = results.screen(active.call, active.decision, text.text(), thrown);
        if (mode == Mode.MONITOR) {
            // monitor mode records what screening would have done, and changes nothing
            return new ResultStage.Screened(result, screened.decision(), null);
        }
        if (screened.result() == text.text()) {
            return new ResultStage.Screened(result, screened.decision(), screened.refusal());
        }
        try {
            return new ResultStage.Screened(
                    text.replacedBy((String) screened.result()), screened.decision(), screened.refusal());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notRebuilt) {
            return new ResultStage.Screened(
                    result,
                    screened.decision(),
                    "the result of '" + active.toolName() + "' had to be redacted and could not be, so it is withheld");
        }
    }

    /** A call refused before it ran: thrown, or handed to the framework as its error result. */
    private Object refuse(Entry entry, ToolCallDeniedException refusal) {
        restoreCaller(entry.scopeBefore, entry.conversationBefore);
        if (entry.site == null) {
            throw refusal;
        }
        try {
            return entry.site.refuseOnEntry(entry.receiver, entry.siteArguments, refusal);
        } catch (ReflectiveOperationException | LinkageError frameworkChanged) {
            ToolgateBridge.countSuppressedError();
            throw refusal;
        }
    }

    /** A call refused after it ran: the exception the dispatch method ends with, or null with its error result. */
    private Throwable refuseAfterRun(ActiveCall active, ToolCallDeniedException refusal) {
        if (active.site == null) {
            return refusal;
        }
        try {
            Object errorResult = active.site.resultOnExitRefusal(active.receiver, active.siteArguments, refusal);
            if (errorResult != null) {
                active.replacement = errorResult;
                return null;
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError frameworkChanged) {
            ToolgateBridge.countSuppressedError();
            return refusal;
        }
        return active.site.thrownOnExitRefusal(active.receiver, refusal);
    }

    /**
     * Puts back the thread's scope and framework conversation as they were when the call started: a scope or
     * conversation a tool body opened and never closed does not outlive the call.
     */
    private static void restoreCaller(CallerContext scope, CallerContext conversation) {
        if (ScopeBridge.current() != scope) {
            ScopeBridge.close(scope);
        }
        if (ConversationBridge.current() != conversation) {
            ConversationBridge.restore(conversation);
        }
    }

    private Object failInternally(String toolName, Throwable internal, Entry entry) {
        ToolgateBridge.countSuppressedError();
        String reason = "internal error in Toolgate (" + internal + "); the call is refused to fail closed";
        Caller caller = null;
        try {
            caller = entry != null ? callerOf(entry) : callers.current();
            audit.append(AuditEvent.decision(
                    caller,
                    null,
                    null,
                    Decision.deny(RiskLevel.HIGHEST, reason + " [tool " + toolName + "]", "internal-error"),
                    mode));
        } catch (RuntimeException | Error ignored) {
            // already counted; nothing more can be said
        }
        if (mode == Mode.ENFORCE) {
            ToolCallDeniedException refusal =
                    new ToolCallDeniedException(toolName, caller == null ? null : caller.role(), reason);
            if (entry == null) {
                throw refusal;
            }
            return refuse(entry, refusal);
        }
        if (entry != null) {
            restoreCaller(entry.scopeBefore, entry.conversationBefore);
        }
        return null;
    }

    /** A call on its way in: what {@link #open} needs beyond the tool and arguments. */
    private static final class Entry {
        final ToolDescriptor tool;
        final Object[] arguments;
        final ActiveCall parent;
        final CallerContext scopeBefore = ScopeBridge.current();
        final CallerContext conversationBefore = ConversationBridge.current();
        Object[] bodyArguments;
        DispatchSite site;
        Object receiver;
        Object[] siteArguments;
        String problem;

        Entry(ToolDescriptor tool, Object[] arguments, ActiveCall parent) {
            this.tool = tool;
            this.arguments = arguments;
            this.parent = parent;
        }

        void dispatchedAt(DispatchSite at, Object dispatcher, Object[] dispatchArguments) {
            this.site = at;
            this.receiver = dispatcher;
            this.siteArguments = dispatchArguments;
        }
    }

    /** Everything the gate works with; all of it is required but the site keys and the mode. */
    public static final class Builder {
        private ToolRegistry tools;
        private SiteKeys siteKeys = SiteKeys.generate();
        private CallerResolver callers;
        private Enforcement enforcement;
        private AuditLog audit;
        private Mode mode = Mode.ENFORCE;

        private Builder() {}

        public Builder tools(ToolRegistry registry) {
            this.tools = registry;
            return this;
        }

        /** The keys written into the woven dispatch points. */
        public Builder siteKeys(SiteKeys keys) {
            this.siteKeys = keys;
            return this;
        }

        public Builder callers(CallerResolver resolver) {
            this.callers = resolver;
            return this;
        }

        /** The first policy version: pipeline, result screening, observers and token accounts. */
        public Builder enforcement(Enforcement first) {
            this.enforcement = first;
            return this;
        }

        public Builder audit(AuditLog log) {
            this.audit = log;
            return this;
        }

        public Builder mode(Mode enforcement) {
            this.mode = enforcement;
            return this;
        }

        public ToolGate build() {
            if (tools == null || callers == null || enforcement == null || audit == null) {
                throw new IllegalStateException("a ToolGate needs tools, callers, an enforcement and an audit log");
            }
            return new ToolGate(this);
        }
    }
}
