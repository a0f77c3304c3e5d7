package dev.toolgate.sample;

import dev.toolgate.sample.planner.Step;
import java.util.List;

/**
 * One scripted conversation: who the agent is, which role's permissions it runs under, what the user asked (null
 * when the session has no user of its own) and the tool calls the (pretend) model makes.
 */
public record Scenario(
        String name, String agentId, String role, String sessionId, String userRequest, List<Step> steps) {

    public Scenario(String name, String agentId, String role, String sessionId, List<Step> steps) {
        this(name, agentId, role, sessionId, null, steps);
    }

    public Scenario {
        steps = List.copyOf(steps);
    }
}
