package dev.toolgate.agent.validation;

import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.Outcome;
import dev.toolgate.agent.decision.ResultStage;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.screening.Finding;
import dev.toolgate.agent.screening.PromptInjectionDetector;
import dev.toolgate.agent.screening.ScreenAction;

/**
 * Screens the strings tools return for indirect prompt injection (a fetched page, an e-mail, a file that tells
 * the model what to do). Per the tool's {@code screen_result}: {@code flag} records the finding, {@code redact}
 * replaces each offending line with {@code [FILTERED]} (the whole text when the injection spans lines), and
 * {@code block} withholds the result and ends the call with a refusal.
 */
public final class ResultScreeningStage implements ResultStage {

    static final String FILTERED = "[FILTERED]";

    private final ValidationSettings settings;

    public ResultScreeningStage(ValidationSettings settings) {
        this.settings = settings;
    }

    @Override
    public Screened screen(ToolCall call, Decision decision, Object result, Throwable thrown) {
        if (thrown != null || !(result instanceof String text)) {
            return new Screened(result, decision, null);
        }
        ScreenAction action = settings.forTool(call.tool().name()).screenResult();
        if (action == ScreenAction.OFF) {
            return new Screened(result, decision, null);
        }
        PromptInjectionDetector detector = settings.detector();
        String rule = "tools." + call.tool().name() + ".screen_result";
        String finding;
        if (text.length() > settings.maxScreenChars()) {
            finding = "the result is too long to screen (" + text.length() + " characters)";
        } else {
            Finding found = detector.scan(text);
            if (!found.detected(detector.threshold())) {
                return new Screened(result, decision, null);
            }
            finding = "possible prompt injection in the result (" + String.join(", ", found.rules()) + ")";
        }
        switch (action) {
            case BLOCK -> {
                String reason = "the result of '" + call.tool().name() + "' was withheld: " + finding;
                return new Screened(result, decision.then(Outcome.DENY, reason, rule), reason);
            }
            case REDACT -> {
                String redacted = text.length() > settings.maxScreenChars() ? FILTERED : redact(text, detector);
                return new Screened(redacted, note(decision, "redacted: " + finding, rule), null);
            }
            default -> {
                return new Screened(result, note(decision, "flagged: " + finding, rule), null);
            }
        }
    }

    /** Each line that scores on its own is replaced; if none does, the injection spans lines: all of it is. */
    static String redact(String text, PromptInjectionDetector detector) {
        String[] lines = text.split("(?<=\n)");
        StringBuilder out = new StringBuilder(text.length());
        boolean any = false;
        for (String line : lines) {
            if (detector.detected(line)) {
                out.append(FILTERED).append(line.endsWith("\n") ? "\n" : "");
                any = true;
            } else {
                out.append(line);
            }
        }
        return any ? out.toString() : FILTERED;
    }

    private static Decision note(Decision decision, String note, String rule) {
        return decision.then(
                decision.outcome(), decision.reason() == null ? note : decision.reason() + "; " + note, rule);
    }
}
