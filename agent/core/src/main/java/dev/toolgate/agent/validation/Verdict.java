package dev.toolgate.agent.validation;

/**
 * What one validator says about one value: allowed, or denied with a reason fit for the model and the auditor.
 *
 * @param reason null when allowed
 */
public record Verdict(boolean allowed, String reason) {

    public static final Verdict ALLOW = new Verdict(true, null);

    public static Verdict deny(String reason) {
        return new Verdict(false, reason);
    }
}
