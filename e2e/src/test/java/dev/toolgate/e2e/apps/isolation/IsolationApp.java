package dev.toolgate.e2e.apps.isolation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import java.util.Map;

/**
 * An application with its own Jackson and SLF4J, older than the agent's. It prints what it sees of its libraries
 * and of the agent, so a test can check that the agent changed nothing but the gated call.
 */
public final class IsolationApp {

    private IsolationApp() {}

    @AgentTool(name = "report", risk = Risk.READ)
    public static String report(Map<String, Object> facts) throws Exception {
        return new ObjectMapper().writeValueAsString(facts);
    }

    public static void main(String[] args) throws Exception {
        System.out.println("JACKSON " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
        System.out.println("JACKSON-FROM "
                + ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation());
        Class<?> loggerFactory = Class.forName("org.slf4j.LoggerFactory");
        Object slf4jFactory = loggerFactory.getMethod("getILoggerFactory").invoke(null);
        System.out.println("SLF4J-BACKEND " + slf4jFactory.getClass().getName());
        Object logger = loggerFactory.getMethod("getLogger", String.class).invoke(null, "isolation-app");
        logger.getClass().getMethod("info", String.class).invoke(logger, "app logging works");
        for (String hidden : new String[] {
            "net.bytebuddy.ByteBuddy",
            "dev.toolgate.shaded.jackson.databind.ObjectMapper",
            "dev.toolgate.shaded.bytebuddy.ByteBuddy",
            "dev.toolgate.agent.AgentInstaller",
            "org.yaml.snakeyaml.Yaml"
        }) {
            System.out.println("VISIBLE " + hidden + " " + visible(hidden));
        }
        System.out.println("REPORT " + report(Map.of("answer", 42)));
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, IsolationApp.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
