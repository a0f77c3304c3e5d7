package dev.toolgate.agent.config;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The agent's version, from the {@code Implementation-Version} of the agent jar's manifest. The agent's classes
 * are defined by its own class loader without a manifest, so {@link Package#getImplementationVersion()} knows
 * nothing: the jar is read instead, once.
 */
public final class AgentVersion {

    /**
     * Set by the launcher in every JVM the agent is loaded into, to its version, before anything else; a second
     * load (an attach, a {@code jcmd JVMTI.agent_load}) sees it and stops. A compile-time constant, so reading it
     * here does not load the launcher's class, which the agent's class loader cannot see.
     */
    public static final String LOADED_PROPERTY = dev.toolgate.launcher.Launcher.LOADED_PROPERTY;

    /** Set by the installer once it is done: {@code started}, or {@code refusing: PROBLEM}. */
    public static final String STATE_PROPERTY = "dev.toolgate.agent.state";

    /**
     * The absolute path of the audit log the agent writes, published for the application: the agent arguments
     * that may set it are invisible to the application's code.
     */
    public static final String AUDIT_FILE_PROPERTY = "dev.toolgate.agent.audit.file";

    /** What classes run outside the built jar (tests, an IDE) report. */
    public static final String UNKNOWN = "unknown (not run from the agent jar)";

    private static volatile String current;

    private AgentVersion() {}

    public static String current() {
        String version = current;
        if (version == null) {
            version = read();
            current = version;
        }
        return version;
    }

    /** The version a manifest states, or {@link #UNKNOWN}. */
    static String of(Manifest manifest) {
        String version = manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
        return version == null || version.isBlank() ? UNKNOWN : version.trim();
    }

    /** The jar the agent runs from, or null when its classes come from a directory. */
    public static Path agentJar() {
        CodeSource source = AgentVersion.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String read() {
        Path jar = agentJar();
        if (jar == null) {
            return UNKNOWN;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return of(file.getManifest());
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
