package dev.toolgate.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.toolgate.agent.validation.ValidationSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published policy schema is the loader's structure check: every structural mistake at once, with lines and
 * keys; the shipped policies point editors at it; the documentation's policy keys and the schema's agree.
 */
class PolicySchemaTest {

    private static final Path POLICIES = Path.of("../../policies");
    private static final Path SCHEMA = POLICIES.resolve("toolgate-policy.schema.json");
    /** Where the policy format is documented. */
    private static final List<Path> REFERENCE = List.of(
            Path.of("../../docs/policy.md"),
            Path.of("../../docs/approval.md"),
            Path.of("../../docs/policy-testing.md"));

    @TempDir
    Path dir;

    private final PolicyLoader loader = new PolicyLoader(ValidationSettings.POLICY_CHECK);

    @Test
    void everyStructuralMistakeIsReportedAtOnceWithItsLineAndKey() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, """
                version: 1
                roles:
                  ops:
                    alowed_tools: [kubectl_get]
                    denied_tools: kubectl_delete
                tools:
                  kubectl_get: {risk: dangerous}
                  kubectl_delete: {risk: delete, screen_args: maybe}
                visibilty: {hide_denied_tools: true}
                """);
        PolicyException error = assertThrows(PolicyException.class, () -> loader.load(file));
        List<String> problems = error.problems().stream().map(Object::toString).toList();
        assertEquals(5, problems.size(), error.getMessage());
        assertHas(
                problems,
                "policy.yaml:4:5: key 'roles.ops.alowed_tools': unknown key 'alowed_tools'. Did you mean"
                        + " 'allowed_tools'?");
        assertHas(
                problems,
                "policy.yaml:5:5: key 'roles.ops.denied_tools': is the text 'kubectl_delete'; it must be a"
                        + " list, such as [a, b].");
        assertHas(
                problems,
                "policy.yaml:7:17: key 'tools.kubectl_get.risk': 'dangerous' is not a risk class; use one"
                        + " of read, modify, delete, external");
        assertHas(problems, "key 'tools.kubectl_delete.screen_args': 'maybe' is not one of off, flag, redact, block.");
        assertHas(problems, "policy.yaml:9:1: key 'visibilty': unknown key 'visibilty'. Did you mean 'visibility'?");
        for (String problem : problems) {
            assertFalse(problem.contains("$"), "no schema internals in the message: " + problem);
        }
        assertEquals(String.join("\n", problems), error.getMessage());
        List<Integer> lines = error.problems().stream().map(PolicyProblem::line).toList();
        assertEquals(lines.stream().sorted().toList(), lines, "in the order of the file");
    }

    @Test
    void anUnknownKeyIsAnsweredWithTheKeysAllowedInItsPlace() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, """
                roles:
                  ops:
                    allowed_tools: [a]
                    resource_limits: {max_calls: 5}
                """);
        String message =
                assertThrows(PolicyException.class, () -> loader.load(file)).getMessage();
        assertTrue(message.contains("key 'roles.ops.resource_limits.max_calls': unknown key 'max_calls'."), message);
        assertTrue(message.contains("max_api_calls, max_calls_per_risk, max_calls_per_tool"), message);
    }

    @Test
    void validatorOptionsAreKeysOfTheirParameter() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, """
                roles:
                  ops: {allowed_tools: [run]}
                tools:
                  run:
                    risk: modify
                    params:
                      command: {validator: shell-command, allow_program: [ls]}
                """);
        String message =
                assertThrows(PolicyException.class, () -> loader.load(file)).getMessage();
        assertTrue(
                message.contains("key 'tools.run.params.command.allow_program': unknown key 'allow_program'. Did you"
                        + " mean 'allow_programs'?"),
                message);
    }

    @Test
    void everyShippedPolicyLoadsAndNamesTheSchemaForEditors() throws Exception {
        List<Path> policies;
        try (Stream<Path> files = Files.list(POLICIES)) {
            policies =
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(policies.isEmpty());
        for (Path policy : policies) {
            loader.load(policy);
            assertEquals(
                    "# yaml-language-server: $schema=./toolgate-policy.schema.json",
                    Files.readAllLines(policy).get(0),
                    policy + " must point editors at the schema on its first line");
        }
    }

    @Test
    void theJarCarriesThePublishedSchema() throws Exception {
        JsonNode published = new ObjectMapper().readTree(SCHEMA.toFile());
        assertEquals(published, PolicySchema.get().document());
        assertEquals(
                "https://json-schema.org/draft/2020-12/schema",
                published.get("$schema").asText());
    }

    @Test
    void theDocumentedKeysAreTheSchemasKeys() throws Exception {
        Set<String> schemaKeys = new TreeSet<>();
        collectKeys(PolicySchema.get().document(), schemaKeys);
        String reference = read(REFERENCE);
        List<String> undocumented = new ArrayList<>();
        for (String key : schemaKeys) {
            if (!reference.contains("`" + key + "`") && !reference.contains(key + ":")) {
                undocumented.add(key);
            }
        }
        assertEquals(List.of(), undocumented, "schema keys the policy reference does not document");

        // Every policy example in the documentation is read the way the loader reads policies: no key the schema
        // lacks, no value of the wrong kind.
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> wrong = new ArrayList<>();
        int examples = 0;
        for (String block : yamlBlocks(read(documentation()))) {
            JsonNode node;
            try {
                node = yaml.readTree(block);
            } catch (IOException notYaml) {
                continue;
            }
            if (node == null || !node.isObject() || !(node.has("roles") || node.has("tools"))) {
                continue;
            }
            examples++;
            for (PolicySchema.Violation violation : PolicySchema.get().check(node)) {
                wrong.add(violation.key() + ": " + violation.message() + "\n  in:\n" + block);
            }
        }
        assertTrue(examples >= 3, "the documentation shows policy examples");
        assertEquals(List.of(), wrong, "policy examples in the documentation that the loader would refuse");
    }

    private static List<Path> documentation() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("../../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    private static void collectKeys(JsonNode schema, Set<String> keys) {
        if (schema.isObject()) {
            JsonNode properties = schema.get("properties");
            if (properties != null && properties.isObject()) {
                properties.fieldNames().forEachRemaining(keys::add);
            }
            schema.elements().forEachRemaining(child -> collectKeys(child, keys));
        } else if (schema.isArray()) {
            schema.elements().forEachRemaining(child -> collectKeys(child, keys));
        }
    }

    private static List<String> yamlBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher fence = Pattern.compile("(?ms)^```ya?ml\\s*\\n(.*?)^```").matcher(markdown);
        while (fence.find()) {
            blocks.add(fence.group(1));
        }
        return blocks;
    }

    private static String read(List<Path> files) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            text.append(Files.readString(file)).append('\n');
        }
        return text.toString();
    }

    private static void assertHas(List<String> problems, String expected) {
        assertTrue(
                problems.stream().anyMatch(p -> p.contains(expected)),
                "no problem says: " + expected + "\nin: " + String.join("\n", problems));
    }
}
