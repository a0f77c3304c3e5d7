package dev.toolgate.agent.policytool;

import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.Outcome;
import java.util.Locale;

/** What a call comes to, as tests and examples state it: it runs, it is refused, or a person must approve it. */
public enum CallVerdict {
    ALLOW,
    DENY,
    APPROVAL;

    /** The verdict {@code decision} of {@link dev.toolgate.agent.decision.CallPipeline#explain} amounts to. */
    static CallVerdict of(Decision decision) {
        if (decision.outcome() == Outcome.PENDING) {
            return APPROVAL;
        }
        return decision.allowed() ? ALLOW : DENY;
    }

    /** @return null when {@code text} names no verdict */
    public static CallVerdict parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "allow" -> ALLOW;
            case "deny" -> DENY;
            case "approval" -> APPROVAL;
            default -> null;
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What to write in a test or an example: for error messages. */
    static final String CHOICES = "allow, deny or approval";
}
