package dev.toolgate.agent.validation;

import dev.toolgate.agent.validation.screening.SecretScanner;

/**
 * What the audit encoder calls on every string it writes, so that the audit log never becomes the leak: secrets
 * (keys, tokens, passwords, private keys) are replaced with {@code [REDACTED:kind]}.
 */
public final class AuditRedaction {

    private AuditRedaction() {
    }

    public static String redact(String text) {
        try {
            return SecretScanner.BUILT_IN.redact(text);
        } catch (RuntimeException | StackOverflowError e) {
            return "[REDACTED: value could not be scanned for secrets]";
        }
    }
}
