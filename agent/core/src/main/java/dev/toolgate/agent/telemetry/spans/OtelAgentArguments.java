package dev.toolgate.agent.telemetry.spans;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Whether a {@code -javaagent} of this JVM is the OpenTelemetry Java agent, by its manifest's premain class (the
 * jar may have any name). Asked at start-up, when the other agent may not have started yet.
 */
final class OtelAgentArguments {

    private static final String PREMAIN = String.join(".", "io", "opentelemetry", "javaagent", "OpenTelemetryAgent");

    private OtelAgentArguments() {}

    static boolean named() {
        try {
            for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (argument.startsWith("-javaagent:")
                        && !isToolgate(jarOf(argument))
                        && isOtelAgent(jarOf(argument))) {
                    return true;
                }
            }
        } catch (RuntimeException | LinkageError unreadable) {
            return false;
        }
        return false;
    }

    private static String jarOf(String argument) {
        String jar = argument.substring("-javaagent:".length());
        int options = jar.indexOf('=');
        return options >= 0 ? jar.substring(0, options) : jar;
    }

    /** This agent's own jar is not opened again (it is large, and start-up time counts). */
    private static boolean isToolgate(String jar) {
        return Path.of(jar).getFileName().toString().toLowerCase(Locale.ROOT).contains("toolgate");
    }

    private static boolean isOtelAgent(String jar) {
        try (JarFile file = new JarFile(jar, false)) {
            Manifest manifest = file.getManifest();
            return manifest != null
                    && PREMAIN.equals(manifest.getMainAttributes().getValue("Premain-Class"));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
