package dev.toolgate.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.validation.ValidationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDirectoryTest {

    @TempDir
    Path dir;

    private final PolicyLoader loader = new PolicyLoader(ValidationSettings.POLICY_CHECK);

    private Path write(String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private String errorOf() {
        return assertThrows(PolicyException.class, () -> loader.load(dir)).getMessage();
    }

    @Test
    void filesAreMergedInNameOrder() throws Exception {
        write("20-tools.yaml", """
                tools:
                  sql_read: {risk: read}
                instrument:
                  - {class: com.example.B, methods: [b]}
                """);
        write("10-roles.yml", """
                version: 1
                roles:
                  data_agent: {allowed_tools: [sql_read]}
                instrument:
                  - {class: com.example.A, methods: [a]}
                """);
        write(".hidden.yaml", "not: [valid");
        Files.createDirectory(dir.resolve("..2024_01_01"));

        Policy policy = loader.load(dir);

        assertEquals(List.of("data_agent"), List.copyOf(policy.roles().keySet()));
        assertEquals(RiskLevel.READ, policy.riskOf("sql_read"));
        assertEquals(
                List.of("com.example.A", "com.example.B"),
                policy.instrument().stream().map(InstrumentRule::className).toList());
        assertEquals(dir, policy.source());
        assertEquals(64, policy.sha256().length());
    }

    @Test
    void theHashChangesWithAnyFile() throws Exception {
        write("a.yaml", "roles: {r: {allowed_tools: [t]}}\n");
        Path tools = write("b.yaml", "tools: {t: {risk: read}}\n");
        String before = loader.load(dir).sha256();
        Files.writeString(tools, "tools: {t: {risk: modify}}\n");
        assertNotEquals(before, loader.load(dir).sha256());
    }

    @Test
    void aRoleDefinedInTwoFilesNamesBoth() throws Exception {
        write("a.yaml", "roles:\n  data_agent: {allowed_tools: [x]}\n");
        write("b.yaml", "tools: {x: {risk: read}}\nroles:\n  data_agent: {allowed_tools: [y]}\n");
        String message = errorOf();
        assertTrue(message.startsWith(dir.resolve("b.yaml") + ":3:3: key 'roles.data_agent'"), message);
        assertTrue(message.contains("already in " + dir.resolve("a.yaml") + ":2:3"), message);
    }

    @Test
    void aToolOrSectionWrittenTwiceIsAnError() throws Exception {
        write("a.yaml", "roles: {r: {allowed_tools: [t]}}\ntools: {t: {risk: read}}\n");
        write("b.yaml", "tools: {t: {risk: delete}}\n");
        assertTrue(errorOf().contains("defines tool 't' again"), errorOf());

        Files.writeString(dir.resolve("b.yaml"), "approval: {timeout: 5s}\n");
        Files.writeString(dir.resolve("c.yaml"), "approval: {timeout: 9s}\n");
        String message = errorOf();
        assertTrue(message.startsWith(dir.resolve("c.yaml") + ":1:1: key 'approval'"), message);
        assertTrue(message.contains(dir.resolve("b.yaml").toString()), message);
    }

    @Test
    void anErrorInTheMergedPolicyNamesTheFileThatHoldsTheKey() throws Exception {
        write("a.yaml", "roles: {r: {allowed_tools: [t]}}\n");
        write("b.yaml", "tools:\n  t: {risk: read}\n  u: {risk: read, call_timeout_ms: -5}\n");
        String message = errorOf();
        assertTrue(message.startsWith(dir.resolve("b.yaml") + ":3:"), message);
        assertTrue(message.contains("tools.u.call_timeout_ms"), message);
    }

    @Test
    void aFileTheLoaderDoesNotUnderstandIsAnError() throws Exception {
        write("a.yaml", "roles: {r: {allowed_tools: [t]}}\n");
        write("README.md", "notes");
        assertTrue(errorOf().contains("README.md: is not a policy file"), errorOf());

        Files.delete(dir.resolve("README.md"));
        write("b.yaml", "roles: {s: {alowed_tools: [t]}}\n");
        String message = errorOf();
        assertTrue(message.startsWith(dir.resolve("b.yaml") + ":1:"), message);
        assertTrue(message.contains("unknown key 'alowed_tools'"), message);
    }

    @Test
    void aDirectoryWithoutRolesIsRefused() throws Exception {
        write("tools.yaml", "tools: {t: {risk: read}}\n");
        assertTrue(errorOf().contains("no roles are defined"), errorOf());
    }
}
