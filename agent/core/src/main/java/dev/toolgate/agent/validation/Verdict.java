package dev.toolgate.agent.validation;

/**
 * What one validator says about one value: allowed, or denied with a reason fit for the model and the auditor.
 *
 * @param reason null when allowed
 * @param rule   the id of the rule that refused the value ({@code shell.rm-recursive-root}, a pack rule or a check
 *               built into the validator, see docs/rules.md), or null when allowed or when no rule has an id
 */
public record Verdict(boolean allowed, String reason, String rule) {

    public static final Verdict ALLOW = new Verdict(true, null, null);

    public static Verdict deny(String reason) {
        return new Verdict(false, reason, null);
    }

    /** A denial by the rule {@code rule}, whose id the reason ends with. */
    public static Verdict deny(String reason, String rule) {
        return new Verdict(false, rule == null ? reason : reason + " [" + rule + "]", rule);
    }
}
