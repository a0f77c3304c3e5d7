package dev.toolgate.agent.provenance;

import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.policy.Policy;
import java.util.concurrent.TimeUnit;

/**
 * Where values come from, across each conversation: lives as long as the agent, so a policy reload keeps what
 * conversations have seen. {@link #stageFor} compiles a policy version's flow rules; {@link #activate} makes a
 * version's rules the ones trusted messages are recorded under.
 */
public final class Provenance {

    private final Ledgers ledgers;
    private volatile ProvenanceStage current;

    private Provenance(Policy policy) {
        FlowRules rules = new FlowRules(policy, idleNanos(policy));
        this.ledgers = new Ledgers(rules.limits(), System::nanoTime);
        this.current = new ProvenanceStage(rules, ledgers);
    }

    public static Provenance start(Policy policy) {
        return new Provenance(policy);
    }

    private static long idleNanos(Policy policy) {
        return TimeUnit.SECONDS.toNanos(policy.sessions().idleExpirySeconds());
    }

    /** The stage of the policy loaded at start-up. */
    public ProvenanceStage first() {
        return current;
    }

    /** The flow rules of {@code policy}, over this agent's conversations; not in force until activated. */
    public ProvenanceStage stageFor(Policy policy) {
        return new ProvenanceStage(new FlowRules(policy, idleNanos(policy)), ledgers);
    }

    public void activate(ProvenanceStage stage) {
        ledgers.limits(stage.limits());
        current = stage;
    }

    /**
     * A text of trusted origin in the caller's conversation: a user or system message of a model call, or a value
     * the application declares trusted. Ignored for roles without flow rules.
     */
    public void trusted(Caller caller, CharSequence text) {
        ProvenanceStage stage = current;
        if (caller != null && text != null && stage.tracks(caller.role())) {
            ledgers.open(caller).trusted(text);
        }
    }
}
