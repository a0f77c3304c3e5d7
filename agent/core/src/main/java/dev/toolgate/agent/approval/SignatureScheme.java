package dev.toolgate.agent.approval;

import java.util.Locale;

/**
 * How the webhook channel signs its requests and what signature it accepts on a reply.
 * {@link #LEGACY} is the {@code X-Toolgate-Signature} header of earlier versions, for receivers not yet moved to
 * Standard Webhooks; {@link #BOTH} sends both and accepts a reply signed either way.
 */
enum SignatureScheme {
    STANDARD,
    LEGACY,
    BOTH;

    boolean standard() {
        return this != LEGACY;
    }

    boolean legacy() {
        return this != STANDARD;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return null for a name that is none of them */
    static SignatureScheme parse(String name) {
        for (SignatureScheme scheme : values()) {
            if (scheme.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return scheme;
            }
        }
        return null;
    }
}
