package dev.toolgate.agent.instrument;

import net.bytebuddy.description.type.TypeDescription;

/**
 * Classes no Toolgate instrumentation touches: the agent's own and its libraries', the JDK's, and the runtimes of
 * other JVM languages (their tools are gated at the frameworks' dispatch points and in the application's classes).
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

    private NeverInstrumented() {}

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
