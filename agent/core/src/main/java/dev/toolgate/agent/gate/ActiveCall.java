package dev.toolgate.agent.gate;

import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.dispatch.DispatchSite;
import dev.toolgate.bootstrap.CallerContext;

/**
 * A call the gate let through, carried from entry to exit of the tool method or dispatch point, and the
 * innermost such call on its thread while it runs ({@link CallStack}).
 */
final class ActiveCall {

    static final Object UNCHANGED = new Object();

    final ToolCall call;
    final Decision decision;
    /** The policy version the call entered under; it ends under it too, whatever a reload swapped in meanwhile. */
    final Enforcement enforcement;

    final long startNanos;
    final Object[] observerTokens;
    /** The dispatch point the call came through; null for a tool method. */
    final DispatchSite site;

    final Object receiver;
    final Object[] siteArguments;
    /** What the body runs with instead of its own arguments (copies of what was checked), or null. */
    final Object[] bodyArguments;
    /** The call this one runs inside, on this thread; null for an outermost call. */
    final ActiveCall parent;
    /** The thread's scope and framework conversation when the call started: put back when it ends. */
    final CallerContext scopeBefore;

    final CallerContext conversationBefore;

    /**
     * Set when the tool method this dispatched call runs has been entered: the framework's dispatch and the
     * method are one call, gated once. A call of the same tool inside the body after that is a call of its own.
     */
    boolean bodyReached;
    /** What the caller receives instead of the result, set on exit; {@link #UNCHANGED} until then. */
    Object replacement = UNCHANGED;

    private ActiveCall(Builder builder) {
        this.call = builder.call;
        this.decision = builder.decision;
        this.enforcement = builder.enforcement;
        this.startNanos = builder.startNanos;
        this.observerTokens = builder.observerTokens;
        this.site = builder.site;
        this.receiver = builder.receiver;
        this.siteArguments = builder.siteArguments;
        this.bodyArguments = builder.bodyArguments;
        this.parent = builder.parent;
        this.scopeBefore = builder.scopeBefore;
        this.conversationBefore = builder.conversationBefore;
        this.bodyReached = builder.site == null;
    }

    String toolName() {
        return call.tool().name();
    }

    static Builder builder(ToolCall call, Decision decision) {
        return new Builder(call, decision);
    }

    static final class Builder {
        private final ToolCall call;
        private final Decision decision;
        private Enforcement enforcement;
        private Object[] observerTokens;
        private DispatchSite site;
        private Object receiver;
        private Object[] siteArguments;
        private Object[] bodyArguments;
        private ActiveCall parent;
        private CallerContext scopeBefore;
        private CallerContext conversationBefore;
        private long startNanos;

        private Builder(ToolCall call, Decision decision) {
            this.call = call;
            this.decision = decision;
        }

        /** When the call was decided, {@link System#nanoTime}: its duration counts from there. */
        Builder decidedAt(long nanos) {
            this.startNanos = nanos;
            return this;
        }

        Builder enforcement(Enforcement version) {
            this.enforcement = version;
            return this;
        }

        Builder observerTokens(Object[] tokens) {
            this.observerTokens = tokens;
            return this;
        }

        Builder dispatchedAt(DispatchSite site, Object receiver, Object[] arguments) {
            this.site = site;
            this.receiver = receiver;
            this.siteArguments = arguments;
            return this;
        }

        Builder bodyArguments(Object[] arguments) {
            this.bodyArguments = arguments;
            return this;
        }

        Builder within(ActiveCall parent, CallerContext scope, CallerContext conversation) {
            this.parent = parent;
            this.scopeBefore = scope;
            this.conversationBefore = conversation;
            return this;
        }

        ActiveCall build() {
            return new ActiveCall(this);
        }
    }
}
