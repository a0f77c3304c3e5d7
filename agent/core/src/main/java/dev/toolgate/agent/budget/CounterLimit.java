package dev.toolgate.agent.budget;

/**
 * A number of calls a session may make, of the calls {@code selector} counts.
 *
 * @param budget the budget's name in denials and events, e.g. {@code max_calls_per_risk.delete}
 * @param rule   the policy key that sets it
 * @param limit  {@link Long#MAX_VALUE} for the call counter every role has, limited or not
 */
record CounterLimit(String budget, String rule, long limit, Selector selector) {

    boolean limited() {
        return limit != Long.MAX_VALUE;
    }
}
