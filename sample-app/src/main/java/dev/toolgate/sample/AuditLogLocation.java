package dev.toolgate.sample;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the agent is writing its audit log: the path the agent publishes when it starts (whichever source set
 * it, the {@code -javaagent} arguments included), else worked out the way the agent does.
 */
public final class AuditLogLocation {

    static final String PUBLISHED = "dev.toolgate.agent.audit.file";
    static final String PROPERTY = "toolgate.audit.file";
    static final String ENVIRONMENT = "TOOLGATE_AUDIT_FILE";
    static final String DEFAULT_FILE = "toolgate-audit.jsonl";

    private AuditLogLocation() {}

    public static Path ofThisJvm() {
        return resolve(System::getProperty, System::getenv, Path.of(""));
    }

    static Path resolve(
            Function<String, String> properties, Function<String, String> environment, Path workingDirectory) {
        String published = properties.apply(PUBLISHED);
        if (isSet(published)) {
            return Path.of(published);
        }
        String property = properties.apply(PROPERTY);
        String variable = environment.apply(ENVIRONMENT);
        String file = isSet(property) ? property : isSet(variable) ? variable : DEFAULT_FILE;
        return workingDirectory.toAbsolutePath().resolve(file.trim()).normalize();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
