package dev.toolgate.agent.validation;

import dev.toolgate.agent.validation.screening.Finding;
import dev.toolgate.agent.validation.screening.PromptInjectionDetector;

/** {@code prompt-injection}: refuses text that the {@link PromptInjectionDetector} flags. */
public final class PromptInjectionValidator implements ArgumentValidator {

    public static final String TYPE = "prompt-injection";

    private final PromptInjectionDetector detector;
    private final int maxLength;

    public PromptInjectionValidator(PromptInjectionDetector detector, int maxLength) {
        this.detector = detector;
        this.maxLength = maxLength;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Verdict check(String value) {
        if (value.length() > maxLength) {
            return Verdict.deny("the text is " + value.length() + " characters long, over the screening limit of "
                    + maxLength);
        }
        Finding finding = detector.scan(value);
        return finding.detected(detector.threshold()) ? Verdict.deny("possible prompt injection ("
                + String.join(", ", finding.rules()) + ")") : Verdict.ALLOW;
    }
}
