package dev.toolgate.agent.decision;

/**
 * Where the argument that decided a call's provenance came from: named in the decision's audit event and in
 * what a person is asked.
 *
 * @param argument   the argument, as a path ({@code recipients[0]}, {@code to}); null when no argument was
 *                   derived (the call carried only trusted data)
 * @param label      {@code untrusted}, {@code confidential}, {@code trusted}, or {@code identifier} (an id taken
 *                   whole from an identifier field of a result, which the policy lets pass)
 * @param rule       the policy key of the flow rule that applied
 * @param sourceTool the tool whose result held the value; null when not known (history lost or past the cap)
 * @param source     the audit record of that result; null when not known
 */
public record Flow(String argument, String label, String rule, String sourceTool, ResultReceipt source) {

    /** The {@code seq} of the audit event that recorded the result, or -1 while it is not written yet. */
    public long sourceSeq() {
        return source == null ? -1 : source.seq();
    }
}
