package dev.toolgate.agent.gate;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.CallObserver;
import dev.toolgate.agent.decision.CallPipeline;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.CallerResolver;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ResultStage;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolRegistry;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.bootstrap.CallGate;
import dev.toolgate.bootstrap.ToolCallDeniedException;
import dev.toolgate.bootstrap.ToolgateBridge;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The gate in front of every tool method: decide, audit the decision, refuse or let the call run, audit the
 * outcome. In enforce mode an error inside the gate refuses the call; in monitor mode nothing is refused.
 */
public final class ToolGate implements CallGate {

    private final ToolRegistry tools;
    private final CallerResolver callers;
    private final CallPipeline pipeline;
    private final AuditLog audit;
    private final Mode mode;
    private final CallObserver[] observers;
    private final ToLongFunction<Caller> tokensUsed;
    private final ResultStage results;

    public ToolGate(ToolRegistry tools, CallerResolver callers, CallPipeline pipeline, AuditLog audit, Mode mode,
                    List<CallObserver> observers) {
        this(tools, callers, pipeline, audit, mode, observers, caller -> 0);
    }

    /** @param tokensUsed the tokens a caller's session has used so far, for {@code tokens_used} in events */
    public ToolGate(ToolRegistry tools, CallerResolver callers, CallPipeline pipeline, AuditLog audit, Mode mode,
                    List<CallObserver> observers, ToLongFunction<Caller> tokensUsed) {
        this(tools, callers, pipeline, audit, mode, observers, tokensUsed, null);
    }

    /** @param results screens what tools return before callers get it; null for none */
    public ToolGate(ToolRegistry tools, CallerResolver callers, CallPipeline pipeline, AuditLog audit, Mode mode,
                    List<CallObserver> observers, ToLongFunction<Caller> tokensUsed, ResultStage results) {
        this.results = results;
        this.tokensUsed = tokensUsed;
        this.tools = tools;
        this.callers = callers;
        this.pipeline = pipeline;
        this.audit = audit;
        this.mode = mode;
        this.observers = observers.toArray(new CallObserver[0]);
    }

    @Override
    public Object enter(int toolId, Object[] arguments) {
        ToolDescriptor tool = tools.get(toolId);
        if (tool == null) {
            return failInternally("tool #" + toolId, new IllegalStateException("no tool registered as #" + toolId));
        }
        ToolCall call;
        Decision decision;
        boolean recorded;
        try {
            call = new ToolCall(tool, callers.current(), arguments);
            decision = pipeline.decide(call);
            // The advice hands over a fresh array per call, so it is kept as it is.
            recorded = audit.append(AuditEvent.decision(call.caller(), tool, arguments, decision, mode,
                    tokensUsed.applyAsLong(call.caller())));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError internal) {
            return failInternally(tool.name(), internal);
        }
        if (!decision.allowed() && mode == Mode.ENFORCE) {
            throw new ToolCallDeniedException(tool.name(), call.caller().role(), decision.reason());
        }
        if (!recorded && decision.risk() != RiskLevel.READ && mode == Mode.ENFORCE) {
            // An action that cannot be recorded does not happen: fail closed.
            String why = audit.problem();
            throw new ToolCallDeniedException(tool.name(), call.caller().role(), "the audit log cannot record"
                    + " this call (" + (why != null ? why : "it did not confirm the record in time")
                    + "); calls other than READ are refused until it can");
        }
        Object[] started;
        try {
            started = start(call, decision);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError internal) {
            return failInternally(tool.name(), internal);
        }
        return new ActiveCall(call, decision, System.nanoTime(), started);
    }

    /** Tells the observers the body is about to run; if one fails, those already told are told it ended. */
    private Object[] start(ToolCall call, Decision decision) {
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
    public Throwable exit(Object token, Object result, Throwable thrown) {
        Throwable outcome = thrown;
        ActiveCall active = (ActiveCall) token;
        boolean recorded = true;
        ResultStage.Screened screened = new ResultStage.Screened(result, active.decision(), null);
        try {
            long duration = System.nanoTime() - active.startNanos();
            ToolCall call = active.call();
            if (results != null) {
                screened = results.screen(call, active.decision(), result, thrown);
                if (mode == Mode.MONITOR) {
                    // monitor mode records what screening would have done, and changes nothing
                    screened = new ResultStage.Screened(result, screened.decision(), null);
                }
            }
            // What the tool really did is recorded, even when an observer ends the call differently.
            recorded = audit.append(AuditEvent.outcome(call.caller(), call.tool(), screened.decision(), mode,
                    screened.result(), thrown, duration, tokensUsed.applyAsLong(call.caller())));
            Object[] started = active.observerTokens();
            for (int i = 0; i < observers.length; i++) {
                outcome = observers[i].ending(call, started == null ? null : started[i], result, outcome);
            }
            for (CallObserver observer : observers) {
                observer.completed(call, active.decision(), result, thrown, duration);
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError internal) {
            ToolgateBridge.countSuppressedError();
            System.err.println("[toolgate] ERROR: the outcome of a tool call could not be audited: " + internal);
            recorded = false;
        }
        if (!recorded && outcome == null && mode == Mode.ENFORCE && active.decision().risk() != RiskLevel.READ) {
            // The tool ran, but nothing says so on disk: the caller does not get to act on the result either.
            ToolgateBridge.countSuppressedError();
            return new ToolCallDeniedException(active.call().tool().name(), active.call().caller().role(),
                    "the tool ran but its result could not be recorded in the audit log ("
                            + (audit.problem() == null ? "the audit log refused it" : audit.problem())
                            + "); the result is withheld");
        }
        if (outcome == null && screened.refusal() != null) {
            return new ToolCallDeniedException(active.call().tool().name(), active.call().caller().role(),
                    screened.refusal());
        }
        if (screened.result() != result) {
            active.replacement()[0] = screened.result();
        }
        return outcome;
    }

    @Override
    public Object result(Object token, Object result) {
        Object replacement = ((ActiveCall) token).replacement()[0];
        return replacement == ActiveCall.UNCHANGED ? result : replacement;
    }


    private Object failInternally(String toolName, Throwable internal) {
        ToolgateBridge.countSuppressedError();
        String reason = "internal error in Toolgate (" + internal + "); the call is refused to fail closed";
        try {
            Caller caller = callers.current();
            audit.append(AuditEvent.decision(caller, null, null,
                    Decision.deny(RiskLevel.HIGHEST, reason + " [tool " + toolName + "]", "internal-error"), mode));
        } catch (RuntimeException | Error ignored) {
            // already counted; nothing more can be said
        }
        if (mode == Mode.ENFORCE) {
            throw new ToolCallDeniedException(toolName, callers.current().role(), reason);
        }
        return null;
    }
}
