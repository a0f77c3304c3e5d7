package dev.toolgate.agent.validation;

import java.util.List;
import java.util.Locale;

/** What happens when an EXTERNAL tool's arguments carry secrets or values the policy marks sensitive. */
public enum ExfiltrationAction {
    /** Not checked. */
    OFF,
    /** Recorded in the audit event; the call goes through. */
    FLAG,
    /** Put to a person by the approval step, whatever its rules say ({@code approval_status: required} until then). */
    APPROVE,
    /** Refused. The default. */
    DENY;

    public static final List<String> NAMES = List.of("off", "flag", "approve", "deny");

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExfiltrationAction parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
