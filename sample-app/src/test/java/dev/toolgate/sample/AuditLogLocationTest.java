package dev.toolgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLogLocationTest {

    private static final Path WORK = Path.of("/srv/agent");

    @Test
    void thePathTheAgentPublishesWinsAsItMayComeFromTheAgentArguments() {
        assertEquals(
                Path.of("/var/log/from-agent-args.jsonl"),
                AuditLogLocation.resolve(
                        Map.of(
                                AuditLogLocation.PUBLISHED, "/var/log/from-agent-args.jsonl",
                                AuditLogLocation.PROPERTY, "/var/log/audit.jsonl")::get,
                        Map.of(AuditLogLocation.ENVIRONMENT, "env.jsonl")::get,
                        WORK));
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        assertEquals(
                Path.of("/var/log/audit.jsonl"),
                AuditLogLocation.resolve(
                        Map.of(AuditLogLocation.PROPERTY, "/var/log/audit.jsonl")::get,
                        Map.of(AuditLogLocation.ENVIRONMENT, "env.jsonl")::get,
                        WORK));
    }

    @Test
    void environmentIsUsedWhenThePropertyIsBlankAndResolvedAgainstTheWorkingDirectory() {
        assertEquals(
                Path.of("/srv/agent/logs/env.jsonl"),
                AuditLogLocation.resolve(
                        Map.of(AuditLogLocation.PROPERTY, " ")::get,
                        Map.of(AuditLogLocation.ENVIRONMENT, "logs/env.jsonl")::get,
                        WORK));
    }

    @Test
    void defaultsToTheAgentsDefaultFile() {
        assertEquals(
                Path.of("/srv/agent/toolgate-audit.jsonl"), AuditLogLocation.resolve(name -> null, name -> null, WORK));
    }
}
