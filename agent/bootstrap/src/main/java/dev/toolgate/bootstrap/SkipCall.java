package dev.toolgate.bootstrap;

/**
 * What the gate hands a framework dispatch method whose refusal cannot be thrown (the framework would not turn
 * the exception into a tool error): the woven method skips its body and returns {@link #value()}, the framework's
 * own error result, instead.
 */
public final class SkipCall {

    private final Object value;

    public SkipCall(Object value) {
        this.value = value;
    }

    public Object value() {
        return value;
    }
}
