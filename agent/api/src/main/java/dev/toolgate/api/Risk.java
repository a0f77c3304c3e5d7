package dev.toolgate.api;

/**
 * What a tool call can do to the world, from least to most dangerous. The order matters: where no risk is
 * known for a tool, Toolgate assumes the last one.
 */
public enum Risk {
    /** No side effects. */
    READ,
    /** Reversible changes. */
    MODIFY,
    /** Destructive changes. */
    DELETE,
    /** Leaves the system boundary (mail, outbound HTTP, messages to third parties). */
    EXTERNAL;

    /** The risk assumed for a tool nobody classified. */
    public static Risk highest() {
        return EXTERNAL;
    }
}
