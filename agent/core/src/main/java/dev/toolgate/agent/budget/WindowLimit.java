package dev.toolgate.agent.budget;

/**
 * At most {@code calls} of the calls {@code selector} counts in any window of {@code windowNanos}.
 *
 * @param budget the budget's name in denials and events, e.g. {@code rate_limits[0]}
 * @param rule   the policy key that sets it
 */
record WindowLimit(String budget, String rule, int calls, long windowNanos, Selector selector) {

    long windowSeconds() {
        return windowNanos / 1_000_000_000L;
    }
}
