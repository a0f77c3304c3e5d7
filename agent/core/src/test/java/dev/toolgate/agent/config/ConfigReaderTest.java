package dev.toolgate.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    private static AgentConfig read(String agentArguments, Map<String, String> properties, Map<String, String> env)
            throws ConfigException {
        return new ConfigReader(agentArguments, properties::get, env::get).read();
    }

    @Test
    void agentArgumentsWinOverSystemPropertiesWhichWinOverEnvironment() throws Exception {
        AgentConfig config = read(
                "policy=from-args.yaml",
                Map.of("toolgate.policy", "from-props.yaml", "toolgate.role", "props-role"),
                Map.of(
                        "TOOLGATE_POLICY",
                        "from-env.yaml",
                        "TOOLGATE_ROLE",
                        "env-role",
                        "TOOLGATE_AUDIT_FILE",
                        "/tmp/env-audit.jsonl"));
        assertEquals(Optional.of(Path.of("from-args.yaml")), config.policyFile());
        assertEquals(Optional.of("props-role"), config.defaultRole());
        assertEquals(Path.of("/tmp/env-audit.jsonl"), config.auditFile());
    }

    @Test
    void defaultsAreEnforceModeAndNoPolicy() throws Exception {
        AgentConfig config = read(null, Map.of(), Map.of());
        assertEquals(Mode.ENFORCE, config.mode());
        assertEquals(Optional.empty(), config.policyFile());
        assertEquals(Optional.empty(), config.defaultRole());
        assertEquals(Path.of("toolgate-audit.jsonl"), config.auditFile());
    }

    @Test
    void monitorModeIsReadCaseInsensitively() throws Exception {
        assertEquals(Mode.MONITOR, read("mode=MONITOR", Map.of(), Map.of()).mode());
    }

    @Test
    void unknownModeIsAnError() {
        String message = assertThrows(
                        ConfigException.class, () -> read(null, Map.of("toolgate.mode", "audit-only"), Map.of()))
                .getMessage();
        assertTrue(message.contains("'audit-only' is not a mode"), message);
    }

    @Test
    void unknownAgentArgumentIsAnErrorListingKnownKeys() {
        String message = assertThrows(ConfigException.class, () -> read("polcy=x.yaml", Map.of(), Map.of()))
                .getMessage();
        assertTrue(message.contains("'polcy' is not a Toolgate setting"), message);
        assertTrue(message.contains("policy"), message);
    }

    @Test
    void environmentNamesAreDerivedFromKeys() {
        assertEquals("TOOLGATE_AUDIT_FILE", ConfigReader.environmentName("audit.file"));
    }
}
