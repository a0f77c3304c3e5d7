package dev.toolgate.agent.policytool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDraftTest {

    private static final Path WORKSPACE = Path.of("../../../shared/agentdojo/workspace/tools.json");

    @TempDir
    Path dir;

    private static RiskLevel risk(
            String name, List<String> parameters, String description, Map<String, Boolean> hints) {
        return new PolicyDraft()
                .classify(new ToolList.Tool(name, description, parameters, hints))
                .risk();
    }

    @Test
    void risksComeFromTheNameParametersDescriptionAndHints() {
        assertEquals(RiskLevel.READ, risk("get_user", List.of(), "", Map.of()));
        assertEquals(RiskLevel.DELETE, risk("deleteFile", List.of("id"), "", Map.of()));
        assertEquals(RiskLevel.EXTERNAL, risk("send_email", List.of("to"), "", Map.of()));
        assertEquals(RiskLevel.MODIFY, risk("create_file", List.of("name", "content"), "", Map.of()));
        assertEquals(RiskLevel.EXTERNAL, risk("create_event", List.of("title", "participants"), "", Map.of()));
        assertEquals(
                RiskLevel.EXTERNAL, risk("update_status", List.of("s"), "Updates it and notifies the team", Map.of()));
        assertEquals(RiskLevel.EXTERNAL, risk("frobnicate", List.of(), "", Map.of()), "unknown: the highest");
        assertEquals(RiskLevel.READ, risk("purge", List.of(), "", Map.of("readOnlyHint", true)));
        assertEquals(RiskLevel.DELETE, risk("get_and_drop", List.of(), "", Map.of("destructiveHint", true)));
    }

    @Test
    void theDraftOfASuiteLoadsWithOneRoleAllowingEveryToolAndTheProvenanceDefaults() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path written = dir.resolve("policy.yaml");
        int status = InitCommand.run(
                WORKSPACE, "assistant", true, written, false, new PrintStream(out), new PrintStream(err));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        Policy policy = PolicyTools.loader().load(written);
        assertEquals(24, policy.roles().get("assistant").allowedTools().size());
        assertEquals(RiskLevel.EXTERNAL, policy.riskOf("send_email"));
        assertEquals(RiskLevel.DELETE, policy.riskOf("delete_file"));
        assertEquals(RiskLevel.READ, policy.riskOf("search_emails"));
        assertEquals(
                List.of("subject", "body"), policy.tools().get("send_email").untrustedParams());
        assertTrue(policy.provenance() != null);
        assertEquals(
                2,
                InitCommand.run(
                        WORKSPACE, "assistant", true, written, false, new PrintStream(out), new PrintStream(err)),
                "an existing file is not replaced without --force");
    }

    @Test
    void idParametersNameTheIdentifierFieldsAndEnumParametersAreChoices() throws Exception {
        Path tools = dir.resolve("tools.json");
        Files.writeString(tools, """
                [{"name": "share_file", "description": "Share a file with a user.",
                  "parameters": {"type": "object", "properties": {
                    "file_id": {"type": "string"}, "email": {"type": "string"},
                    "permission": {"$ref": "#/$defs/Permission"}},
                    "$defs": {"Permission": {"enum": ["r", "rw"], "type": "string"}}}},
                 {"name": "cancelEvent", "description": "Cancels an event.",
                  "parameters": {"type": "object", "properties": {"eventId": {"type": "string"},
                    "mode": {"type": "string", "enum": ["soft", "hard"]}}}},
                 {"name": "get_file", "description": "Reads a file.",
                  "parameters": {"type": "object", "properties": {"file_id": {"type": "string"},
                    "format": {"allOf": [{"$ref": "#/$defs/Missing"}]}}}}]
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, InitCommand.run(tools, "bot", true, null, false, new PrintStream(out), System.err));
        String yaml = out.toString(StandardCharsets.UTF_8);
        assertTrue(yaml.contains("identifiers: [external]"), yaml);
        assertTrue(yaml.contains("identifier_fields: [\"id\", \"file_id\", \"eventId\"]"), yaml);
        assertTrue(yaml.contains("accepts_untrusted: [\"permission\"]"), yaml);
        assertTrue(yaml.contains("accepts_untrusted: [\"mode\"]"), yaml);
        Path written = dir.resolve("ids.yaml");
        Files.writeString(written, yaml);
        Policy policy = PolicyTools.loader().load(written);
        assertEquals(List.of(RiskLevel.EXTERNAL), policy.provenance().identifiers());

        Path noIds = dir.resolve("plain.json");
        Files.writeString(noIds, "[{\"name\": \"send_note\", \"parameters\": {\"properties\": {\"to\": {}}}}]");
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        assertEquals(0, InitCommand.run(noIds, "bot", true, null, false, new PrintStream(plain), System.err));
        assertFalse(plain.toString(StandardCharsets.UTF_8).contains("identifier"), "no id parameter, no id fields");
    }

    @Test
    void anMcpToolListIsReadWithItsHints() throws Exception {
        Path tools = dir.resolve("mcp.json");
        Files.writeString(tools, """
                {"jsonrpc": "2.0", "id": 1, "result": {"tools": [
                  {"name": "read_page", "description": "Reads a web page",
                   "inputSchema": {"type": "object", "properties": {"url": {"type": "string"}}},
                   "annotations": {"readOnlyHint": true, "openWorldHint": true}},
                  {"name": "post_comment", "description": "Posts a comment",
                   "inputSchema": {"type": "object", "properties": {"issue": {}, "text": {}}}}]}}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, InitCommand.run(tools, "bot", true, null, false, new PrintStream(out), System.err));
        String yaml = out.toString(StandardCharsets.UTF_8);
        assertTrue(yaml.contains("\"read_page\":\n    risk: read\n    description: \"MCP readOnlyHint\""), yaml);
        assertTrue(yaml.contains("\"post_comment\":\n    risk: external"), yaml);
        assertTrue(yaml.contains("accepts_untrusted: [\"text\"]"), yaml);
        // A page read from an address an injection chose reaches the attacker: every argument is checked.
        assertTrue(
                yaml.contains("\"read_page\":\n    risk: read\n    description: \"MCP readOnlyHint\"\n"
                        + "    accepts_untrusted: false"),
                yaml);
        Path notTools = dir.resolve("x.json");
        Files.writeString(notTools, "{\"a\": 1}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, InitCommand.run(notTools, "bot", true, null, false, System.out, new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("holds no list of tools"));
    }
}
