package dev.toolgate.sample;

import dev.toolgate.api.Toolgate;
import dev.toolgate.api.ToolgateScope;
import dev.toolgate.sample.planner.ScriptedPlanner;
import dev.toolgate.sample.planner.SessionReport;
import java.io.PrintStream;

/** Plays a scenario inside a Toolgate scope, so the gate knows the agent, role and session of every call. */
public final class SessionRunner {

    private final ScriptedPlanner planner;
    private final PrintStream out;

    public SessionRunner(ScriptedPlanner planner, PrintStream out) {
        this.planner = planner;
        this.out = out;
    }

    public SessionReport run(Scenario scenario) {
        out.println("=== session " + scenario.sessionId() + " (role " + scenario.role() + ")");
        try (ToolgateScope ignored = Toolgate.scope()
                .agent(scenario.agentId())
                .role(scenario.role())
                .session(scenario.sessionId())
                .open()) {
            if (scenario.userRequest() != null) {
                // What the user typed is trusted: values in it may steer the session's outgoing calls.
                out.println("user: " + scenario.userRequest());
                Toolgate.trustedInput(scenario.userRequest());
            }
            return planner.run(scenario.sessionId(), scenario.steps());
        }
    }
}
