package dev.toolgate.agent.screening;

/**
 * What the audit encoder calls on every string it writes, so that the audit log never becomes the leak: secrets
 * (keys, tokens, passwords, private keys) are replaced with {@code [REDACTED:kind]}.
 */
public final class AuditRedaction {

    private AuditRedaction() {}

    /** Beyond this many characters the audit log keeps only a cut head anyway: the rest is not scanned. */
    static final int SCANNED_CHARS = 64 * 1024;

    public static String redact(String text) {
        try {
            if (text.length() > SCANNED_CHARS) {
                return SecretScanner.BUILT_IN.redact(text.substring(0, SCANNED_CHARS)) + text.substring(SCANNED_CHARS);
            }
            return SecretScanner.BUILT_IN.redact(text);
        } catch (RuntimeException | StackOverflowError e) {
            return "[REDACTED: value could not be scanned for secrets]";
        }
    }
}
