package dev.toolgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Looks-ups in the Deployment: mounts, volumes, environment, the agent's arguments. */
final class Wiring {

    private static final Pattern JAVAAGENT = Pattern.compile("-javaagent:([^=\\s]+)(?:=(\\S*))?");

    private Wiring() {}

    static JsonNode podSpec() {
        return SandboxSettingsTest.podSpec();
    }

    /** The application's container: the one that runs the JVM with Toolgate. */
    static JsonNode appContainer() {
        for (JsonNode container : podSpec().path("containers")) {
            if (!env(container, "JAVA_TOOL_OPTIONS").isEmpty()) {
                return container;
            }
        }
        throw new AssertionError("no container sets JAVA_TOOL_OPTIONS");
    }

    static String env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable.path("value").asText("");
            }
        }
        return "";
    }

    static JsonNode envEntry(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError(container.path("name").asText() + " does not set " + name);
    }

    /** The mount whose path is {@code path}. */
    static JsonNode mountAt(JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(path)) {
                return mount;
            }
        }
        throw new AssertionError(container.path("name").asText() + " mounts nothing at " + path);
    }

    /** The mount that holds the file {@code file}: the longest mount path that is a directory above it. */
    static JsonNode mountHolding(JsonNode container, String file) {
        JsonNode best = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            String dir = mount.path("mountPath").asText();
            if (file.startsWith(dir.endsWith("/") ? dir : dir + "/")
                    && (best == null
                            || dir.length() > best.path("mountPath").asText().length())) {
                best = mount;
            }
        }
        if (best == null) {
            throw new AssertionError(container.path("name").asText() + " mounts no volume that holds " + file);
        }
        return best;
    }

    static JsonNode volume(String name) {
        for (JsonNode volume : podSpec().path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("the pod has no volume " + name);
    }

    /** The path after {@code -javaagent:} in JAVA_TOOL_OPTIONS. */
    static String agentJar() {
        return javaagent().group(1);
    }

    /** The agent's arguments, {@code key=value} separated by commas. */
    static Map<String, String> agentArguments() {
        Map<String, String> arguments = new LinkedHashMap<>();
        String text = javaagent().group(2);
        if (text != null) {
            for (String pair : text.split(",")) {
                int equals = pair.indexOf('=');
                arguments.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return arguments;
    }

    private static Matcher javaagent() {
        String options = env(appContainer(), "JAVA_TOOL_OPTIONS");
        Matcher matcher = JAVAAGENT.matcher(options);
        if (!matcher.find()) {
            throw new AssertionError("JAVA_TOOL_OPTIONS has no -javaagent: " + options);
        }
        return matcher;
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
