package dev.toolgate.agent.decision;

/**
 * What became of the human-approval step of a call.
 *
 * @param status   approved, denied, timed_out, auto, or monitor_skipped
 * @param approver who decided: a person's name as the channel reported it, {@code rule:<id>}, or {@code grant:<id>}
 * @param id       the approval request's id, the same in the channel and in every audit event about it
 */
public record Approval(String status, String approver, String id) {

    /**
     * Set by a stage before the approval step (exfiltration screening) on a call the approval step must put to a
     * person whatever its rules say; an allowed decision that still carries it at the end is refused.
     */
    public static final String REQUIRED = "required";

    /**
     * Set by the provenance step on a sink call whose arguments carry no untrusted data, in a role that lets such
     * calls run without a person: the approval step then allows where its rules would ask (a deny rule still
     * refuses).
     */
    public static final String TRUSTED_FLOW = "trusted_flow";

    public static final String APPROVED = "approved";
    public static final String DENIED = "denied";
    public static final String TIMED_OUT = "timed_out";
    public static final String AUTO = "auto";
    public static final String MONITOR_SKIPPED = "monitor_skipped";
}
