package dev.toolgate.agent.policytool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.dispatch.ToolArguments;
import dev.toolgate.agent.policy.RiskLevel;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a policy test file:
 *
 * <pre>
 * policy: ../agents.yaml            # relative to this file
 * description: optional words
 * cases:
 *   - name: infrastructure may read pods
 *     role: infrastructure_agent
 *     tool: kubectl_get
 *     args: {namespace: monitoring}  # optional
 *     session: s-1                   # optional: cases naming one session share its budgets, in file order
 *     declared_risk: read            # optional: what @AgentTool(risk) or an MCP server would declare
 *     expect: allow                  # allow | deny | approval
 *     reason: "allowed_tools"        # optional: text the reason must contain
 *     rule: roles.infrastructure_agent.allowed_tools   # optional: the deciding policy key, exactly
 * </pre>
 *
 * Keys are strict: an unknown or missing key is an error naming the file and line, and every error of a file
 * is reported, not only the first.
 */
final class TestFileReader {

    /** A test file that cannot be run; every problem as {@code file:line: message}. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        Malformed(List<String> problems) {
            super(String.join("\n", problems), null, false, false);
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    static final long MAX_BYTES = 4L * 1024 * 1024;

    private static final Set<String> TOP_KEYS = Set.of("policy", "description", "cases");
    private static final Set<String> CASE_KEYS =
            Set.of("name", "role", "tool", "args", "session", "declared_risk", "expect", "reason", "rule");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<String> problems = new ArrayList<>();

    private TestFileReader(Path file) {
        this.file = file;
    }

    static TestSuite read(Path file) throws Malformed {
        return new TestFileReader(file).read();
    }

    private TestSuite read() throws Malformed {
        String text = text();
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw malformed(line, "not valid YAML: " + e.getProblem() + ". Fix the syntax there.");
        } catch (YAMLException e) {
            throw malformed(1, "not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode top)) {
            throw malformed(
                    root == null ? 1 : line(root),
                    "a policy test file is a mapping with 'policy:' (the policy file) and 'cases:' (a list)");
        }
        Map<String, NodeTuple> keys = keys(top, TOP_KEYS, "the top level");
        Path policy = null;
        int policyLine = line(top);
        if (keys.containsKey("policy")) {
            String name = string(keys.get("policy"), "policy");
            policyLine = line(keys.get("policy").getKeyNode());
            if (name != null) {
                Path dir = file.toAbsolutePath().getParent();
                policy = dir == null ? Path.of(name) : dir.resolve(name).normalize();
                if (!Files.isRegularFile(policy)) {
                    problem(policyLine, "policy '" + name + "' is not a file (looked for " + policy + ")");
                }
            }
        } else {
            problem(line(top), "key 'policy' is missing: name the policy file, relative to this test file");
        }
        if (keys.containsKey("description")) {
            string(keys.get("description"), "description");
        }
        List<TestCase> cases = new ArrayList<>();
        if (!keys.containsKey("cases")) {
            problem(line(top), "key 'cases' is missing: give a list of cases (name, role, tool, args, expect)");
        } else if (!(keys.get("cases").getValueNode() instanceof SequenceNode list)
                || list.getValue().isEmpty()) {
            problem(line(keys.get("cases").getValueNode()), "key 'cases': give a non-empty list of cases");
        } else {
            Set<String> names = new HashSet<>();
            for (Node item : list.getValue()) {
                TestCase testCase = testCase(item);
                if (testCase != null && !names.add(testCase.name())) {
                    problem(
                            testCase.line(),
                            "case '" + testCase.name() + "' is named twice; give each case its own" + " name");
                }
                if (testCase != null) {
                    cases.add(testCase);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Malformed(problems);
        }
        return new TestSuite(file, policy, policyLine, cases);
    }

    private TestCase testCase(Node item) {
        int line = line(item);
        if (!(item instanceof MappingNode mapping)) {
            problem(
                    line,
                    "a case is a mapping of name, role, tool, args, expect (and optionally session,"
                            + " declared_risk, reason, rule)");
            return null;
        }
        int before = problems.size();
        Map<String, NodeTuple> keys = keys(mapping, CASE_KEYS, "a case");
        String name = required(keys, "name", line);
        String role = required(keys, "role", line);
        String tool = required(keys, "tool", line);
        String expectText = required(keys, "expect", line);
        CallVerdict expect = null;
        if (expectText != null) {
            expect = CallVerdict.parse(expectText);
            if (expect == null) {
                problem(
                        line(keys.get("expect").getValueNode()),
                        "key 'expect': '" + expectText + "' is not a verdict; use " + CallVerdict.CHOICES);
            }
        }
        String session = optional(keys, "session");
        String reason = optional(keys, "reason");
        String rule = optional(keys, "rule");
        RiskLevel declared = null;
        String declaredText = optional(keys, "declared_risk");
        if (declaredText != null) {
            declared = RiskLevel.parse(declaredText);
            if (declared == null) {
                problem(
                        line(keys.get("declared_risk").getValueNode()),
                        "key 'declared_risk': '" + declaredText + "' is not a risk class; use read, modify, delete"
                                + " or external");
            }
        }
        Map<String, Object> args = Map.of();
        if (keys.containsKey("args")) {
            Node node = keys.get("args").getValueNode();
            if (node instanceof MappingNode argsNode) {
                args = mapping(argsNode);
            } else if (!isNull(node)) {
                problem(line(node), "key 'args': give the call's arguments as a mapping, e.g. {namespace: monitoring}");
            }
        }
        ToolArguments arguments = null;
        String json = null;
        if (problems.size() == before) {
            try {
                json = JSON.writeValueAsString(args);
                arguments = ToolArguments.parse(json);
            } catch (JsonProcessingException | ToolArguments.Unreadable e) {
                problem(line, "key 'args': the arguments cannot be read: " + e.getMessage());
            }
        }
        if (problems.size() != before) {
            return null;
        }
        // A case without a session has one of its own, so its budgets start fresh.
        String sessionId = session != null ? session : "test-" + file.getFileName() + ":" + line;
        return new TestCase(
                file,
                line,
                name,
                new CallSpec(role, tool, arguments, sessionId, declared),
                json,
                new Expectation(expect, reason, rule));
    }

    private Map<String, NodeTuple> keys(MappingNode mapping, Set<String> known, String where) {
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problem(line(tuple.getKeyNode()), "keys are plain names here");
                continue;
            }
            if (!known.contains(key.getValue())) {
                problem(
                        line(key),
                        "unknown key '" + key.getValue() + "' in " + where + ". Known keys here: "
                                + String.join(", ", new java.util.TreeSet<>(known)));
                continue;
            }
            if (keys.put(key.getValue(), tuple) != null) {
                problem(line(key), "key '" + key.getValue() + "' is given twice");
            }
        }
        return keys;
    }

    private String required(Map<String, NodeTuple> keys, String key, int line) {
        if (!keys.containsKey(key)) {
            problem(line, "the case has no '" + key + "'");
            return null;
        }
        String value = string(keys.get(key), key);
        if (value != null && value.isBlank()) {
            problem(line(keys.get(key).getValueNode()), "key '" + key + "' is empty");
            return null;
        }
        return value;
    }

    private String optional(Map<String, NodeTuple> keys, String key) {
        return keys.containsKey(key) ? string(keys.get(key), key) : null;
    }

    private String string(NodeTuple tuple, String key) {
        Node value = tuple.getValueNode();
        if (value instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            return scalar.getValue();
        }
        problem(line(value), "key '" + key + "': give a text");
        return null;
    }

    private Map<String, Object> mapping(MappingNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problem(line(tuple.getKeyNode()), "argument names are plain names");
                continue;
            }
            if (map.containsKey(key.getValue())) {
                problem(line(key), "argument '" + key.getValue() + "' is given twice");
            }
            map.put(key.getValue(), value(tuple.getValueNode()));
        }
        return map;
    }

    /** A YAML value as the JSON value it stands for. */
    private Object value(Node node) {
        if (node instanceof MappingNode mapping) {
            return mapping(mapping);
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                list.add(value(item));
            }
            return list;
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return text.matches("(?i)true|yes|on");
            }
            if (tag.equals(Tag.INT)) {
                return new BigInteger(text.replace("_", ""));
            }
            if (tag.equals(Tag.FLOAT)) {
                return Double.valueOf(text.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            // 0x1F, 0o17, 1:30 and the like: YAML 1.1 forms that a call's JSON cannot carry; kept as written
        }
        return text;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private void problem(int line, String message) {
        problems.add(file + ":" + line + ": " + message);
    }

    private Malformed malformed(int line, String message) {
        problem(line, message);
        return new Malformed(problems);
    }

    private String text() throws Malformed {
        if (Files.isDirectory(file)) {
            throw malformed(1, "is a directory, not a test file");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw malformed(
                        1,
                        "the file is " + size + " bytes, over the limit of " + MAX_BYTES + " for a test"
                                + " file. Is this the right file?");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Malformed(List.of(file + ": cannot be read (" + e + ")"));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed(1, "is not UTF-8 text; save it as UTF-8");
        }
        if (text.indexOf('\0') >= 0) {
            throw malformed(1, "holds NUL bytes; a test file is YAML text");
        }
        if (text.isBlank()) {
            throw malformed(1, "the file is empty; it needs 'policy:' and 'cases:'");
        }
        return text;
    }
}
