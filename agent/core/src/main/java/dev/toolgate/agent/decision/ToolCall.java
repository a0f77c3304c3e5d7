package dev.toolgate.agent.decision;

import dev.toolgate.agent.instrument.ToolDescriptor;

/**
 * One call being decided: which tool, who calls, with what.
 *
 * @param arguments the call's arguments as the method received them (not copied: stages must not modify them)
 */
public record ToolCall(ToolDescriptor tool, Caller caller, Object[] arguments) {

    /** The argument bound to the parameter {@code name}, or null when the tool has no such parameter. */
    public Object argument(String name) {
        int index = tool.parameterNames().indexOf(name);
        return index >= 0 && arguments != null && index < arguments.length ? arguments[index] : null;
    }
}
