package dev.toolgate.agent.validation;

import dev.toolgate.agent.screening.Finding;
import dev.toolgate.agent.screening.PromptInjectionDetector;
import dev.toolgate.agent.screening.SecretScanner;
import java.util.List;
import java.util.function.Function;

/**
 * A validator over free text that a screening scanner judges: {@code prompt-injection} refuses what the
 * {@link PromptInjectionDetector} flags, {@code secrets} what carries secrets (keys, tokens, passwords, sensitive
 * values). Text over the screening limit is refused unread.
 */
public final class TextScreeningValidator implements ArgumentValidator {

    public static final String PROMPT_INJECTION = "prompt-injection";
    public static final String SECRETS = "secrets";

    private final String type;
    private final int maxLength;
    /** The refusal of the text, or null when it passes. */
    private final Function<String, Verdict> finding;

    private TextScreeningValidator(String type, int maxLength, Function<String, Verdict> finding) {
        this.type = type;
        this.maxLength = maxLength;
        this.finding = finding;
    }

    public static TextScreeningValidator promptInjection(PromptInjectionDetector detector, int maxLength) {
        return new TextScreeningValidator(PROMPT_INJECTION, maxLength, text -> {
            Finding found = detector.scan(text);
            return found.detected(detector.threshold())
                    ? new Verdict(
                            false, "possible prompt injection (" + String.join(", ", found.rules()) + ")", found.rule())
                    : null;
        });
    }

    public static TextScreeningValidator secrets(SecretScanner scanner, int maxLength) {
        return new TextScreeningValidator(SECRETS, maxLength, text -> {
            List<SecretScanner.Secret> found = scanner.find(text);
            return found.isEmpty()
                    ? null
                    : new Verdict(
                            false,
                            "the text carries secrets (" + SecretScanner.describe(found) + ")",
                            found.get(0).rule());
        });
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Verdict check(String value) {
        if (value.length() > maxLength) {
            return Verdict.deny(
                    "the text is " + value.length() + " characters long, over the screening limit of " + maxLength);
        }
        Verdict refused = finding.apply(value);
        return refused == null ? Verdict.ALLOW : refused;
    }
}
