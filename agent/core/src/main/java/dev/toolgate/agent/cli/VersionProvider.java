package dev.toolgate.agent.cli;

import dev.toolgate.agent.config.AgentVersion;
import picocli.CommandLine;

/** {@code --version}: the agent jar's Implementation-Version and the JVM running the command. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "toolgate " + AgentVersion.current(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
