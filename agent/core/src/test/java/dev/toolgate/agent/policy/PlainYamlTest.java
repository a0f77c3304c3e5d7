package dev.toolgate.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.validation.ValidationSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anchors, aliases, merge keys and value-changing tags are load errors, never values read as text. */
class PlainYamlTest {

    private static final String ALIASES = "YAML anchors and aliases are not supported in policies.";

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

    /** {@code file:line:col: key 'path': } as every policy error starts. */
    private String at(int line, int column, String key) {
        return dir.resolve("policy.yaml") + ":" + line + ":" + column + ": key '" + key + "': ";
    }

    private static void assertStartsWith(String expected, String message) {
        assertTrue(
                message.startsWith(expected),
                () -> "expected the message to start with\n" + expected + "\nbut it is\n" + message);
    }

    @Test
    void anAliasInAListIsRefusedNotReadAsItsName() throws Exception {
        String message = errorFor("""
                roles:
                  data_agent:
                    allowed_tools: [sql_read]
                    denied_tools: [sql_write, *del]
                """);
        assertEquals(
                at(4, 31, "roles.data_agent.denied_tools[1]") + "'*del' is a YAML alias; " + ALIASES
                        + " Write the value out in full here.",
                message);
    }

    @Test
    void anAliasAsAConditionValueIsRefused() throws Exception {
        String message = errorFor("""
                roles:
                  mailer:
                    allowed_tools: [send_email]
                    approval:
                      rules:
                        - tools: [send_email]
                          action: deny
                          when: {to: *evil}
                """);
        assertEquals(
                at(8, 22, "roles.mailer.approval.rules[0].when.to") + "'*evil' is a YAML alias; " + ALIASES
                        + " Write the value out in full here.",
                message);
    }

    @Test
    void anAnchorIsRefusedEvenWhenNothingRefersToIt() throws Exception {
        String message = errorFor("""
                roles:
                  data_agent:
                    allowed_tools: &reads [sql_read, api_get]
                """);
        assertEquals(
                at(3, 20, "roles.data_agent.allowed_tools") + "'&reads' is a YAML anchor; " + ALIASES
                        + " Remove the anchor and write the value out in full wherever it is repeated.",
                message);
    }

    @Test
    void ofAnAnchorAndItsAliasTheAnchorIsNamedFirst() throws Exception {
        String message = errorFor("""
                roles:
                  reader:
                    allowed_tools: [sql_read]
                    denied_tools: &writes [sql_write, sql_drop]
                  auditor:
                    allowed_tools: [sql_read]
                    denied_tools: *writes
                """);
        assertStartsWith(at(4, 19, "roles.reader.denied_tools") + "'&writes' is a YAML anchor", message);
    }

    @Test
    void aMergeKeyIsRefused() throws Exception {
        String message = errorFor("""
                roles:
                  base: {allowed_tools: [sql_read]}
                  data_agent:
                    <<: {allowed_tools: [sql_read]}
                    denied_tools: [sql_drop]
                """);
        assertEquals(
                at(4, 5, "roles.data_agent.<<") + "'<<' is a YAML merge key; merge keys, anchors and"
                        + " aliases are not supported in policies. Write the merged keys out in full in this mapping.",
                message);
        assertStartsWith(
                at(3, 5, "roles.r.<<") + "'<<' is a YAML merge key", errorFor("roles:\n  r:\n    <<: *base\n"));
    }

    @Test
    void customAndLanguageTagsAreRefused() throws Exception {
        assertEquals(
                at(3, 21, "roles.r.allowed_tools[0]") + "'!custom' is a YAML tag; policies take plain values"
                        + " only. Remove the tag, and quote the value if it is meant as text.",
                errorFor("roles:\n  r:\n    allowed_tools: [!custom sql_read]\n"));
        assertEquals(
                at(4, 6, "tools.t") + "'!!python/object/apply:os.system' is a YAML tag; policies take plain"
                        + " values only. Remove the tag.",
                errorFor("roles:\n  r: {allowed_tools: [t]}\ntools:\n  t: !!python/object/apply:os.system [ls]\n"));
        assertStartsWith(
                at(2, 40, "roles.r.description") + "'!!binary' is a YAML tag",
                errorFor("roles:\n  r: {allowed_tools: [a], description: !!binary aGk=}\n"));
        assertStartsWith(
                at(2, 23, "roles.r.allowed_tools[0]") + "'!' is a YAML tag",
                errorFor("roles:\n  r: {allowed_tools: [! a]}\n"));
        assertStartsWith(
                at(2, 6, "roles.r") + "'!!set' is a YAML tag", errorFor("roles:\n  r: !!set {allowed_tools: [a]}\n"));
    }

    @Test
    void coreTagsAreAcceptedOnlyWhereTheyChangeNothing() throws Exception {
        Policy policy = loader.load(write("""
                roles: !!map
                  r:
                    allowed_tools: !!seq [!!str "sql_read", !!str api_get]
                    resource_limits: {max_api_calls: !!int 5}
                    data_access: {secrets: !!bool false}
                    description: !!null null
                """));
        RolePolicy role = policy.roles().get("r");
        assertEquals(List.of("sql_read", "api_get"), role.allowedTools());
        assertEquals(5L, role.resourceLimits().maxApiCalls());
        assertEquals(false, role.dataAccess().secrets());
        assertEquals(null, role.description());

        assertEquals(
                at(3, 21, "roles.r.allowed_tools[0]") + "'!!str' changes what '123' means; policies take"
                        + " plain values only. Remove the tag, and quote the value if it is meant as text.",
                errorFor("roles:\n  r:\n    allowed_tools: [!!str 123]\n"));
        assertStartsWith(
                at(4, 38, "roles.r.resource_limits.max_api_calls") + "'!!int' changes what '5' means",
                errorFor("roles:\n  r:\n    allowed_tools: [a]\n    resource_limits: {max_api_calls: !!int \"5\"}\n"));
        // Untagged, an empty value is null; tagged, the binder would read an empty string.
        assertStartsWith(
                at(4, 18, "roles.r.description") + "'!!null' changes what the empty value means",
                errorFor("roles:\n  r:\n    allowed_tools: [a]\n    description: !!null\n"));
    }

    @Test
    void quotedOrInnerStarsAmpersandsAndAngleBracketsStayText() throws Exception {
        Policy policy = loader.load(write("""
                roles:
                  r:
                    allowed_tools: ["*", '*read', report_*, "&x", a&b, "<<"]
                    description: "&anchor *alias <<: x !tag"
                    approval:
                      rules:
                        - tools: ["*"]
                          action: deny
                          when: {to: "*@evil.example", "<<": '&'}
                """));
        RolePolicy role = policy.roles().get("r");
        assertEquals(List.of("*", "*read", "report_*", "&x", "a&b", "<<"), role.allowedTools());
        assertEquals("&anchor *alias <<: x !tag", role.description());
        assertEquals(
                Map.of("to", "*@evil.example", "<<", "&"),
                role.approval().rules().get(0).when());
    }

    @Test
    void toolsValidatorsAndInstrumentRulesAreCheckedToo() throws Exception {
        String roles = "roles:\n  r: {allowed_tools: [shell_exec]}\n";
        assertStartsWith(
                at(5, 11, "tools.shell_exec.risk") + "'*delete' is a YAML alias",
                errorFor(roles + "tools:\n  shell_exec:\n    risk: *delete\n"));
        assertStartsWith(
                at(6, 26, "validators.ops.allow_programs[1]") + "'*cat' is a YAML alias",
                errorFor(roles + "validators:\n  ops:\n    type: shell-command\n    allow_programs: [ls, *cat]\n"));
        assertStartsWith(
                at(5, 15, "instrument[0].methods[0]") + "'!regex' is a YAML tag",
                errorFor(roles + "instrument:\n  - class: com.example.Tools\n    methods: [!regex 'delete.*']\n"));
        assertStartsWith(
                at(4, 13, "approval.defaults") + "'&d' is a YAML anchor",
                errorFor(roles + "approval:\n  defaults: &d {delete: deny}\n"));
        assertStartsWith(at(1, 5, "(top level)") + "'&all' is a YAML anchor", errorFor("--- &all\n" + roles));
    }

    @Test
    void aSyntaxErrorBeforeAnAliasIsStillReportedAsSyntax() throws Exception {
        String message = errorFor("""
                roles:
                  r: {allowed_tools: [a]
                  s: {denied_tools: [*x]}
                """);
        assertTrue(message.startsWith(dir.resolve("policy.yaml") + ":"), message);
        assertTrue(message.contains("not valid YAML"), message);
    }
}
