package dev.toolgate.sample;

import dev.toolgate.api.Toolgate;
import dev.toolgate.sample.planner.ScriptedPlanner;
import dev.toolgate.sample.planner.SessionReport;
import dev.toolgate.sample.tools.Toolbox;
import dev.toolgate.sample.world.World;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scripted infrastructure agent, without network or model, whose tools are harmless but leave traces: each
 * executed tool prints a {@code TOOL-RAN} line and changes an in-memory world. Run it with and without the
 * Toolgate agent to see which calls the gate lets through. From the project directory:
 *
 * <pre>
 * mvn -B -q package -DskipTests &amp;&amp; java -javaagent:agent/core/target/toolgate-agent.jar=policy=policies/agents.yaml -jar sample-app/target/toolgate-sample-app.jar
 * </pre>
 *
 * <p>Arguments {@code benign}, {@code injected}, {@code data}, {@code changes} or {@code runaway} play only those
 * sessions; without arguments all five are played. The {@code changes} session shows human approval: add
 * {@code approval.channel=console} to the agent arguments to be asked on the terminal. The {@code runaway} session
 * shows a budget stopping an agent stuck in a loop.
 */
public final class Main {

    static final String NOT_ATTACHED_WARNING = "WARNING: Toolgate agent not attached: every tool ran unchecked";

    private Main() {}

    public static void main(String[] args) {
        List<Scenario> scenarios;
        try {
            scenarios = Scenarios.select(Arrays.asList(args));
        } catch (IllegalArgumentException badArgument) {
            System.err.println(badArgument.getMessage());
            System.err.println(
                    "usage: java -jar toolgate-sample-app.jar [benign] [injected] [data] [changes]" + " [runaway]");
            System.exit(2);
            return;
        }
        run(scenarios, World.seeded(System.out), System.out);
    }

    static List<SessionReport> run(List<Scenario> scenarios, World world, PrintStream out) {
        if (!Toolgate.isAttached()) {
            out.println(NOT_ATTACHED_WARNING);
        }
        SessionRunner runner = new SessionRunner(new ScriptedPlanner(Toolbox.catalog(world), out), out);
        List<SessionReport> reports = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            reports.add(runner.run(scenario));
        }
        Summary.print(out, reports, world, AuditLogLocation.ofThisJvm());
        return reports;
    }
}
