package dev.toolgate.agent.cli.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.toolgate.agent.config.AgentVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Loads the agent jar into a running JVM through the Attach API ({@code VirtualMachine.loadAgent}), refusing a JVM
 * that already has Toolgate, and reports what the agent said once it started there.
 */
public final class Attacher {

    /** What came of an attach. */
    public record Outcome(Target target, String javaVersion, String agentState, boolean dynamicLoadingWarned) {}

    private final Path agentJar;

    public Attacher(Path agentJar) {
        this.agentJar = agentJar;
    }

    public Outcome attach(Target target, String agentArguments) throws AttachException {
        VirtualMachine vm = connect(target);
        try {
            Properties properties = vm.getSystemProperties();
            String running = properties.getProperty(AgentVersion.LOADED_PROPERTY);
            if (running != null) {
                throw AttachException.failed("JVM " + target + " already runs Toolgate " + running + " ("
                        + properties.getProperty(AgentVersion.STATE_PROPERTY, "starting") + "); it is not loaded"
                        + " twice. Restart the JVM to change its agent settings.");
            }
            String javaVersion = properties.getProperty("java.specification.version", "?");
            boolean warned = warnsAboutDynamicAgents(vm, javaVersion);
            try {
                vm.loadAgent(agentJar.toString(), agentArguments);
            } catch (AgentInitializationException e) {
                throw AttachException.failed("the agent was loaded into JVM " + target + " but could not start"
                        + " there; its standard error says why");
            } catch (AgentLoadException e) {
                throw AttachException.failed("JVM " + target + " refused to load the agent: " + e.getMessage());
            } catch (IOException e) {
                throw AttachException.failed("loading the agent into JVM " + target + " failed: " + oneLine(e));
            }
            String state = vm.getSystemProperties().getProperty(AgentVersion.STATE_PROPERTY, "unknown");
            return new Outcome(target, javaVersion, state, warned);
        } catch (IOException e) {
            throw AttachException.failed("lost the connection to JVM " + target + ": " + oneLine(e));
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // The JVM went away; nothing to release.
            }
        }
    }

    private static VirtualMachine connect(Target target) throws AttachException {
        try {
            return VirtualMachine.attach(Long.toString(target.pid()));
        } catch (AttachNotSupportedException e) {
            throw AttachException.failed("JVM " + target + " does not accept agents (" + oneLine(e) + "): it was"
                    + " started with -XX:+DisableAttachMechanism, or is not a HotSpot JVM. Restart it with"
                    + " -javaagent:toolgate-agent.jar instead.");
        } catch (IOException e) {
            throw AttachException.failed(
                    "cannot connect to JVM " + target + ": " + oneLine(e) + ". Is it still starting, or stuck?");
        }
    }

    /** Java 21 and later print a warning for an agent loaded late, unless told to allow it. */
    private static boolean warnsAboutDynamicAgents(VirtualMachine vm, String javaVersion) {
        int feature;
        try {
            feature = Integer.parseInt(javaVersion);
        } catch (NumberFormatException e) {
            return false;
        }
        if (feature < 21) {
            return false;
        }
        try {
            String flags = vm.getAgentProperties().getProperty("sun.jvm.flags", "")
                    + " "
                    + vm.getAgentProperties().getProperty("sun.jvm.args", "");
            return !flags.contains("-XX:+EnableDynamicAgentLoading");
        } catch (IOException e) {
            return true;
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
