package dev.toolgate.agent.decision;

import java.util.Locale;

/**
 * The step of the pipeline whose conclusion a decision is: the step that refused the call, or for an allowed call
 * the last step that changed the decision (an approval), else the permission that let it through. Metrics and
 * traces carry it as a label; the set is closed, so its cardinality is fixed.
 */
public enum DecidingStep {
    /** The role's allow-list, deny-list and default deny; also a call without a role. */
    PERMISSION,
    /** Argument validation: schema, parameter validators, data access, exfiltration; an unreadable request. */
    VALIDATOR,
    /** Content screening of the arguments (secrets, prompt injection) where the policy asks for it. */
    SCREENING,
    /** Provenance: a sink call whose arguments came from untrusted or confidential data of the conversation. */
    PROVENANCE,
    /** A session budget. */
    BUDGET,
    /** Human approval: a person, a standing grant, or an approval rule. */
    APPROVAL,
    /** The sandbox's violation limit: a session whose tools tried too many refused operations. */
    SANDBOX;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What validation concluded, told apart by its rule: screening rules end in {@code screen_args}, every other
     * rule of the validation stage is a validator's.
     */
    static DecidingStep ofValidation(Decision decision) {
        String rule = decision.rule();
        return rule != null && rule.endsWith("screen_args") ? SCREENING : VALIDATOR;
    }
}
