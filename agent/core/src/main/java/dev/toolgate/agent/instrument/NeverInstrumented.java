package dev.toolgate.agent.instrument;

import net.bytebuddy.description.type.TypeDescription;

/**
 * Classes no Toolgate instrumentation touches: the agent's own and its libraries', the JDK's, the runtimes of
 * other JVM languages (their tools are gated at the frameworks' dispatch points and in the application's classes),
 * and the OpenTelemetry Java agent's own class loader, which holds that agent and its libraries and no
 * application code: matching its thousands of classes would only slow both agents' start-up.
 */
public final class NeverInstrumented {

    private static final String[] PREFIXES = {
        "dev.toolgate.agent.",
        "dev.toolgate.bootstrap.",
        "dev.toolgate.launcher.",
        "dev.toolgate.shaded.",
        "java.",
        "javax.",
        "jdk.",
        "sun.",
        "com.sun.",
        "kotlin.",
        "scala.",
    };

    /** Built at run time so that the agent jar's relocation of OpenTelemetry leaves it alone. */
    private static final String OTEL_AGENT_LOADER =
            String.join(".", "io", "opentelemetry", "javaagent", "bootstrap", "AgentClassLoader");

    private NeverInstrumented() {}

    /** Whether {@code loader} is the OpenTelemetry Java agent's own class loader. */
    public static boolean isOtherAgentsLoader(ClassLoader loader) {
        return loader != null && loader.getClass().getName().equals(OTEL_AGENT_LOADER);
    }

    public static boolean matches(TypeDescription type) {
        String name = type.getName();
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
