package dev.toolgate.agent.screening;

/**
 * How the {@link InjectionClassifier} joins the injection rules: a probability at or above {@code denyAt} weighs as
 * a strong rule (enough alone), one at or above {@code assistAt} as a weak rule (enough only with another signal).
 * The two cut-offs are policy settings ({@code screening.prompt_injection.classifier}).
 *
 * @param enabled whether the classifier runs at all
 * @param denyAt probability from which the classifier alone flags a text
 * @param assistAt probability from which it adds a weak signal to the rules
 */
public record ClassifierStep(boolean enabled, double denyAt, double assistAt, InjectionClassifier model) {

    /** Default cut-off for the classifier alone: chosen on the tuning half of the measured corpus. */
    public static final double DEFAULT_DENY_AT = 0.99;

    /** Default cut-off for a weak signal, chosen with it: the most detection at no more than 0.3 % false positives. */
    public static final double DEFAULT_ASSIST_AT = 0.9;

    public static final ClassifierStep OFF = new ClassifierStep(false, 1, 1, null);

    public ClassifierStep {
        if (enabled && model == null) {
            throw new IllegalArgumentException("an enabled classifier step needs a model");
        }
        if (!(assistAt > 0 && assistAt <= denyAt && denyAt <= 1)) {
            throw new IllegalArgumentException(
                    "the classifier's cut-offs must satisfy 0 < assist_at <= deny_at <= 1, got assist_at " + assistAt
                            + " and deny_at " + denyAt);
        }
    }

    /** The built-in model with the given cut-offs. */
    public static ClassifierStep builtIn(double denyAt, double assistAt) {
        return new ClassifierStep(true, denyAt, assistAt, InjectionClassifier.builtIn());
    }

    /** The weight of a strong rule. */
    static final int STRONG = 3;

    /** The weight the classifier gives {@code text}: {@link #STRONG}, 1 (weak) or 0. */
    int weight(String text) {
        double p = model.probability(text);
        return p >= denyAt ? STRONG : p >= assistAt ? 1 : 0;
    }
}
