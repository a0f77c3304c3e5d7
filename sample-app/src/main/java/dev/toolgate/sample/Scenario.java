package dev.toolgate.sample;

import dev.toolgate.sample.planner.Step;
import java.util.List;

/**
 * One scripted conversation: who the agent is, which role's permissions it runs under, and the tool calls the
 * (pretend) model makes.
 */
public record Scenario(String name, String agentId, String role, String sessionId, List<Step> steps) {

    public Scenario {
        steps = List.copyOf(steps);
    }
}
