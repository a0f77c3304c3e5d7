package dev.toolgate.agent.cli;

import dev.toolgate.agent.cli.attach.AttachException;
import dev.toolgate.agent.cli.attach.Attacher;
import dev.toolgate.agent.cli.attach.Target;
import dev.toolgate.agent.cli.attach.TargetFinder;
import dev.toolgate.agent.config.AgentVersion;
import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policytool.PolicyTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code attach}: loads the agent into a JVM that is already running. */
@Command(
        name = "attach",
        description = {
            "Load Toolgate into a running JVM.",
            "Uses the Attach API. Tool classes already loaded are re-woven; calls",
            "already running when it attaches are not gated. Exit 0 when the agent",
            "started, 1 when it could not, 2 when the target is not a JVM to attach to."
        })
final class AttachCommand implements Callable<Integer> {

    private final Io io;

    @Parameters(
            index = "0",
            paramLabel = "PID|MAIN-CLASS",
            description = "The JVM: its process id, or its main class (or simple name) or jar.")
    String target;

    @Parameters(
            index = "1..*",
            paramLabel = "AGENT-ARG",
            description = "Agent arguments, as after -javaagent:toolgate-agent.jar= (several are joined"
                    + " with commas): policy=FILE,role=ROLE,... A relative policy path is made absolute here; the"
                    + " policy is checked before attaching.")
    List<String> agentArguments = new ArrayList<>();

    AttachCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Path jar = AgentVersion.agentJar();
        if (jar == null) {
            throw CliFailure.usage("attach runs from the agent jar only (java -jar toolgate-agent.jar attach …)");
        }
        String arguments = checkedArguments();
        try {
            Target found = new TargetFinder().find(target);
            Attacher.Outcome outcome = new Attacher(jar).attach(found, arguments);
            if (outcome.dynamicLoadingWarned()) {
                io.err()
                        .println("note: JVM " + found.pid() + " runs Java " + outcome.javaVersion() + ", which warns"
                                + " about agents loaded late; start it with -XX:+EnableDynamicAgentLoading to"
                                + " allow them quietly");
            }
            if (!outcome.agentState().equals("started")) {
                io.err()
                        .println("toolgate attach: Toolgate was loaded into JVM " + found + " but "
                                + outcome.agentState() + "; every tool call there is refused until this is fixed");
                return ExitCode.FINDING;
            }
            io.out()
                    .println("attached Toolgate " + AgentVersion.current() + " to JVM " + found + " (Java "
                            + outcome.javaVersion() + ")");
            return ExitCode.OK;
        } catch (AttachException e) {
            throw e.badTarget() ? CliFailure.usage(e.getMessage()) : CliFailure.finding(e.getMessage());
        }
    }

    /**
     * The arguments as one string, with a relative policy path made absolute (the target resolves paths against
     * its own working directory) and the policy loaded first: an agent started with a broken policy refuses
     * every call, which a running application would feel at once.
     */
    private String checkedArguments() {
        List<String> pairs = new ArrayList<>();
        for (String argument : agentArguments) {
            for (String pair : argument.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                if (!pair.contains("=")) {
                    throw CliFailure.usage("agent argument '" + pair + "' is not KEY=VALUE (policy=FILE,role=ROLE)");
                }
                String key = pair.substring(0, pair.indexOf('=')).trim();
                String value = pair.substring(pair.indexOf('=') + 1).trim();
                if (key.equals("policy")) {
                    Path policy = Path.of(value);
                    if (!policy.isAbsolute() && Files.exists(policy)) {
                        policy = policy.toAbsolutePath();
                    }
                    if (Files.exists(policy)) {
                        try {
                            PolicyTools.loader().load(policy);
                        } catch (PolicyException e) {
                            throw CliFailure.finding("not attached: " + e.getMessage());
                        }
                    }
                    pair = "policy=" + policy;
                }
                pairs.add(pair);
            }
        }
        return pairs.isEmpty() ? null : String.join(",", pairs);
    }
}
