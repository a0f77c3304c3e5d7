package dev.toolgate.sample.planner;

/** Turns a step into a plain Java call of the tool method, the way an agent framework dispatches tool calls. */
@FunctionalInterface
public interface ToolBinding {

    Object invoke(Step step);
}
