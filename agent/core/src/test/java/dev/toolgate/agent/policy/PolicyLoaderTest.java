package dev.toolgate.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.validation.ValidationSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    @TempDir
    Path dir;

    private final PolicyLoader loader = new PolicyLoader(ValidationSettings.POLICY_CHECK);

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private String errorFor(String yaml) throws IOException {
        Path file = write(yaml);
        return assertThrows(PolicyException.class, () -> loader.load(file)).getMessage();
    }

    @Test
    void loadsTheArticlesPermissionsAndRisksAsWritten() throws Exception {
        Policy policy = loader.load(Path.of("../../policies/agents.yaml"));
        RolePolicy infra = policy.roles().get("infrastructure_agent");
        assertEquals(List.of("kubectl_get", "ansible_check", "prometheus_query"), infra.allowedTools());
        assertEquals(List.of("kubectl_delete", "ansible_run", "shell_exec"), infra.deniedTools());
        assertEquals(50L, infra.resourceLimits().maxApiCalls());
        assertEquals(100000L, infra.resourceLimits().maxTokens());
        assertEquals(300L, infra.resourceLimits().timeoutSeconds());
        assertEquals(List.of("monitoring", "app-staging"), infra.dataAccess().namespaces());
        assertEquals(false, infra.dataAccess().secrets());
        assertEquals(RiskLevel.DELETE, policy.riskOf("kubectl_delete"));
        assertEquals(RiskLevel.EXTERNAL, policy.riskOf("send_email"));
        assertEquals(64, policy.sha256().length());
    }

    @Test
    void unknownKeyNamesFileLineAndKey() throws Exception {
        String message = errorFor("""
                roles:
                  data_agent:
                    allowed_tools: [sql_read]
                    alowed_tools: [sql_drop]
                """);
        assertTrue(message.contains("policy.yaml:4:"), message);
        assertTrue(message.contains("roles.data_agent.alowed_tools"), message);
        assertTrue(message.contains("unknown key 'alowed_tools'"), message);
        assertTrue(message.contains("allowed_tools"), message);
    }

    @Test
    void wrongTypeNamesFileLineAndKey() throws Exception {
        String message = errorFor("""
                roles:
                  data_agent:
                    allowed_tools: [sql_read]
                    resource_limits:
                      max_api_calls: lots
                """);
        assertTrue(message.contains("policy.yaml:5:"), message);
        assertTrue(message.contains("roles.data_agent.resource_limits.max_api_calls"), message);
    }

    @Test
    void aListWhereAStringIsExpectedIsAnError() throws Exception {
        String message = errorFor("""
                roles:
                  data_agent:
                    allowed_tools: sql_read
                """);
        assertTrue(message.contains("policy.yaml:3:"), message);
        assertTrue(message.contains("roles.data_agent.allowed_tools"), message);
    }

    @Test
    void unknownRiskIsNamedWithTheRiskClassesToUse() throws Exception {
        String message = errorFor("""
                roles:
                  data_agent: {allowed_tools: [sql_read]}
                tools:
                  sql_read: {risk: dangerous}
                """);
        assertTrue(message.contains("policy.yaml:4:"), message);
        assertTrue(message.contains("tools.sql_read.risk"), message);
        assertTrue(message.contains("'dangerous' is not a risk class"), message);
        assertTrue(message.contains("read, modify, delete, external"), message);
    }

    @Test
    void malformedYamlNamesTheLine() throws Exception {
        String message = errorFor("""
                roles:
                  data_agent:
                    allowed_tools: [sql_read
                  other: x
                """);
        assertTrue(message.startsWith(dir.resolve("policy.yaml") + ":"), message);
        assertTrue(message.contains("not valid YAML"), message);
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        String message = errorFor("""
                roles:
                  data_agent: {allowed_tools: [sql_read]}
                  data_agent: {allowed_tools: [sql_drop]}
                """);
        assertTrue(message.contains("data_agent"), message);
        assertTrue(message.toLowerCase().contains("duplicate"), message);
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        assertTrue(errorFor("").contains("the policy file is empty"));
        assertTrue(errorFor("# only a comment\n\n").contains("the policy file is empty"));
    }

    @Test
    void emptyDirectoryAndMissingFileAreRefusedClearly() {
        assertTrue(assertThrows(PolicyException.class, () -> loader.load(dir))
                .getMessage()
                .contains("the policy directory holds no *.yaml or *.yml file"));
        assertTrue(assertThrows(PolicyException.class, () -> loader.load(dir.resolve("nope.yaml")))
                .getMessage()
                .contains("policy file not found"));
    }

    @Test
    void aPolicyWithoutRolesIsRefused() throws Exception {
        assertTrue(errorFor("tools:\n  a: {risk: read}\n").contains("key 'roles': no roles are defined"));
    }

    @Test
    void negativeLimitsAreRefusedNamingTheKey() throws Exception {
        String message = errorFor("""
                roles:
                  data_agent:
                    allowed_tools: [sql_read]
                    resource_limits: {max_api_calls: -5}
                """);
        assertTrue(message.contains("roles.data_agent.resource_limits.max_api_calls"), message);
        assertTrue(message.contains("-5"), message);
    }

    @Test
    void aToolWithoutRiskIsRefused() throws Exception {
        assertTrue(errorFor("roles:\n  r: {allowed_tools: [a]}\ntools:\n  a: {description: x}\n")
                .contains("tools.a.risk"));
    }

    @Test
    void instrumentRulesNeedAClassAndMethods() throws Exception {
        assertTrue(errorFor("roles:\n  r: {allowed_tools: [a]}\ninstrument:\n  - methods: [x]\n")
                .contains("instrument[0]"));
        Policy policy = loader.load(write("""
                roles:
                  r: {allowed_tools: [purge]}
                instrument:
                  - class: com.example.*Service
                    methods: ["purge*", delete]
                    tool: purge
                    risk: delete
                """));
        assertEquals("com.example.*Service", policy.instrument().get(0).className());
        assertEquals(RiskLevel.DELETE, policy.instrument().get(0).risk());
    }

    @Test
    void unsupportedVersionIsRefused() throws Exception {
        assertTrue(errorFor("version: 7\nroles:\n  r: {allowed_tools: [a]}\n").contains("key 'version'"));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingTheLine() throws Exception {
        Path file = dir.resolve("policy.yaml");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("roles:\n  r: {allowed_tools: [".getBytes(StandardCharsets.US_ASCII));
        // 0xC0 0xAA is an overlong '*': a lenient decoder would turn it into YAML syntax.
        bytes.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAA});
        bytes.writeBytes("del]}\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(file, bytes.toByteArray());
        String message =
                assertThrows(PolicyException.class, () -> loader.load(file)).getMessage();
        assertEquals(
                file + ":2: the policy file is not UTF-8 text (the bytes at offset 29 are not valid UTF-8)."
                        + " Save the file as UTF-8.",
                message);

        Files.writeString(file, "\uFEFFroles:\n  r: {allowed_tools: [a]}\n");
        assertEquals(List.of("a"), loader.load(file).roles().get("r").allowedTools());
    }
}
