package dev.toolgate.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * The agent jar's entry points: {@code premain} for {@code -javaagent}, {@code agentmain} for attaching to a
 * running JVM, {@code main} for the command-line tool. It makes the bridge visible to every class loader, then
 * hands over to the implementation in its own class loader. Nothing here may touch an application class.
 */
public final class Launcher {

    private static final String INSTALLER = "dev.toolgate.agent.AgentInstaller";
    private static final String CLI = "dev.toolgate.agent.cli.Cli";
    /**
     * The system property a JVM with Toolgate carries, set to the agent's version on the first load. Not under
     * {@code toolgate.}: it is a fact about the JVM, not a setting. The command line's {@code attach} reads it
     * through the Attach API to refuse loading the agent twice.
     */
    public static final String LOADED_PROPERTY = "dev.toolgate.agent.version";
    /** EX_SOFTWARE from sysexits.h: an internal software error. */
    static final int EXIT_AGENT_FAILED = 70;

    private Launcher() {}

    public static void premain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation, false);
    }

    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation, true);
    }

    public static void main(String[] args) throws Throwable {
        URL location = agentJarLocation();
        ClassLoader loader = new AgentClassLoader(new JarFile(new File(location.toURI())), location);
        Method main = loader.loadClass(CLI).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void start(String agentArgs, Instrumentation instrumentation, boolean attachedLater) {
        String loaded = System.getProperty(LOADED_PROPERTY);
        if (loaded != null) {
            // Two gates would each weave every tool and each write its own audit chain; the first one holds.
            System.err.println("[toolgate] ERROR: Toolgate " + loaded + " is already running in this JVM; this"
                    + " second load of the agent does nothing.");
            if (attachedLater) {
                throw new IllegalStateException("Toolgate " + loaded + " is already running in this JVM");
            }
            return;
        }
        String version = Launcher.class.getPackage().getImplementationVersion();
        System.setProperty(LOADED_PROPERTY, version == null ? "unknown" : version);
        try {
            URL location = agentJarLocation();
            JarFile jar = new JarFile(new File(location.toURI()));
            instrumentation.appendToBootstrapClassLoaderSearch(jar);
            ClassLoader loader = new AgentClassLoader(jar, location);
            Class.forName(INSTALLER, true, loader)
                    .getMethod("install", String.class, Instrumentation.class, boolean.class)
                    .invoke(null, agentArgs, instrumentation, attachedLater);
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
            StackTraceElement[] where = cause.getStackTrace();
            String problem = cause + (where.length > 0 ? " at " + where[0] : "");
            refuseAll("the Toolgate agent failed to start: " + problem);
            if (attachedLater) {
                // The application ran without Toolgate until now; stopping it because a late attach failed would
                // turn an operator's attempt into an outage. The attacher is told. The property stays set: what
                // failed may have woven some classes, and a second agent must not weave them again.
                System.err.println("[toolgate] ERROR: the agent could not be attached (" + problem + "). Restart"
                        + " the JVM with -javaagent to use Toolgate.");
                throw new IllegalStateException("the Toolgate agent could not start: " + problem);
            }
            if (monitorOnly(agentArgs)) {
                System.err.println("[toolgate] ERROR: the agent could not start (" + problem + "). Monitor mode:"
                        + " the application runs without Toolgate.");
                return;
            }
            // Without the agent no tool method is gated, and letting the application run unguarded would fail
            // open. Stop it instead, saying why.
            System.err.println("[toolgate] FATAL: the agent could not start (" + problem + "). Tool calls cannot"
                    + " be gated, so the JVM is stopped (exit " + EXIT_AGENT_FAILED + "). Check the agent jar; set"
                    + " toolgate.mode=monitor to run without enforcement instead.");
            Runtime.getRuntime().halt(EXIT_AGENT_FAILED);
        }
    }

    /** Whether the configuration asks for monitor mode, read the same way, and in the same order, as the agent. */
    static boolean monitorOnly(String agentArgs) {
        String mode = null;
        if (agentArgs != null) {
            for (String pair : agentArgs.split(",")) {
                if (pair.trim().startsWith("mode=")) {
                    mode = pair.trim().substring("mode=".length());
                }
            }
        }
        if (mode == null || mode.isBlank()) {
            mode = System.getProperty("toolgate.mode");
        }
        if (mode == null || mode.isBlank()) {
            mode = System.getenv("TOOLGATE_MODE");
        }
        return mode != null && mode.trim().equalsIgnoreCase("monitor");
    }

    private static void refuseAll(String reason) {
        try {
            Class.forName("dev.toolgate.bootstrap.ToolgateBridge", true, null)
                    .getMethod("refuseAll", String.class)
                    .invoke(null, reason);
        } catch (ReflectiveOperationException | LinkageError ignored) {
            // The bridge never reached the bootstrap path, so no method was instrumented to call it.
        }
    }

    /**
     * The agent jar: the one this class came from, unless the application's class path holds another copy of the
     * launcher (a fat jar that bundled it), in which case the {@code -javaagent} jar named on the command line.
     */
    private static URL agentJarLocation() throws Exception {
        URL own = Launcher.class.getProtectionDomain().getCodeSource().getLocation();
        if (isAgentJar(new File(own.toURI()))) {
            return own;
        }
        for (String argument :
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-javaagent:")) {
                String path = argument.substring("-javaagent:".length());
                int options = path.indexOf('=');
                File jar = new File(options < 0 ? path : path.substring(0, options));
                if (isAgentJar(jar)) {
                    return jar.toURI().toURL();
                }
            }
        }
        throw new IllegalStateException(own + " is not the Toolgate agent jar and no -javaagent jar is");
    }

    private static boolean isAgentJar(File file) {
        if (!file.isFile()) {
            return false;
        }
        try (JarFile jar = new JarFile(file)) {
            return jar.getEntry("inst/dev/toolgate/agent/AgentInstaller.classdata") != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
