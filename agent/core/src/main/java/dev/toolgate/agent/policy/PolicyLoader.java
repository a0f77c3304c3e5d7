package dev.toolgate.agent.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.toolgate.agent.config.Durations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and validates a YAML policy. Every problem becomes a {@link PolicyException} whose message names the
 * file, the line and the key, and says what to do.
 */
public final class PolicyLoader {

    /** Larger files are refused before parsing: a policy is a few kilobytes. */
    static final long MAX_POLICY_BYTES = 4L * 1024 * 1024;

    private static final int SUPPORTED_VERSION = 1;

    private final ObjectMapper mapper = JsonMapper.builder(YAMLFactory.builder().build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // A limit of 2.5 calls is a mistake to report, not to round down.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final List<PolicyCheck> checks;

    /** @param checks what the capabilities check of a policy besides its shape (validator options, …) */
    public PolicyLoader(PolicyCheck... checks) {
        this.checks = List.of(checks);
    }

    /**
     * Loads a policy file, or a directory of policy files merged by the rules of {@link PolicyDirectory}.
     *
     * @throws PolicyException naming the file, line and key of the first problem
     */
    public Policy load(Path file) throws PolicyException {
        if (Files.isDirectory(file)) {
            return loadDirectory(file);
        }
        Parsed parsed = parse(file);
        return new Validation(file, key -> new Place(file, parsed.locator(), key), checks)
                .validate(sha256(parsed.bytes()), parsed.document());
    }

    private Policy loadDirectory(Path directory) throws PolicyException {
        List<Path> files = PolicyDirectory.files(directory);
        List<PolicyDirectory.Part> parts = new ArrayList<>();
        for (Path file : files) {
            Parsed parsed = parse(file);
            parts.add(new PolicyDirectory.Part(file, parsed.locator(), parsed.document(), sha256(parsed.bytes())));
        }
        PolicyDirectory.Merged merged = PolicyDirectory.merge(directory, parts);
        return new Validation(directory, merged::place, checks).validate(merged.sha256(), merged.document());
    }

    /** One file read, checked as plain YAML and bound, before validation. */
    private record Parsed(byte[] bytes, KeyLocator locator, PolicyDocument document) {}

    private Parsed parse(Path file) throws PolicyException {
        byte[] bytes = readFile(file);
        String text = decode(file, bytes);
        if (text.isBlank()
                || text.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
            throw new PolicyException(file + ": the policy file is empty. It needs at least a 'roles:' section"
                    + " naming each agent role and its allowed_tools; see policies/ for examples.");
        }
        PlainYaml.check(file, text);
        KeyLocator locator = new KeyLocator(text);
        checkStructure(file, text, locator);
        PolicyDocument document;
        // The binder reads the very text PlainYaml checked, so no decoding difference can hide an alias from it.
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            document = mapper.readValue(parser, PolicyDocument.class);
        } catch (JsonProcessingException e) {
            throw new PolicyException(describe(file, locator, e), e);
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot be read (" + e.getMessage() + ").", e);
        }
        if (document == null) {
            throw new PolicyException(file + ": the policy file holds no mapping. It needs a 'roles:' section.");
        }
        return new Parsed(bytes, locator, document);
    }

    /** Where a key is written: the file, its key locator (null when unknown) and the key's name in that file. */
    record Place(Path file, KeyLocator locator, String key) {}

    /** {@code key}'s problem, placed where the key is written, or at its nearest enclosing key when it is absent. */
    static PolicyProblem problem(Path file, KeyLocator locator, String key, String message) {
        return problemAt(file, locator, key, key, message);
    }

    /** As {@link #problem}, for a key located as {@code locatedKey} and named {@code shownKey} in the message. */
    static PolicyProblem problemAt(Path file, KeyLocator locator, String locatedKey, String shownKey, String message) {
        String at = locatedKey;
        while (locator != null && !at.isEmpty()) {
            KeyLocator.Position position = locator.locate(at);
            if (position != null) {
                return new PolicyProblem(file.toString(), position.line(), position.column(), shownKey, message);
            }
            int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
            at = cut < 0 ? "" : at.substring(0, cut);
        }
        return new PolicyProblem(file.toString(), 0, 0, shownKey, message);
    }

    /** Every structural problem at once, checked against the published policy schema before binding. */
    private void checkStructure(Path file, String text, KeyLocator locator) throws PolicyException {
        JsonNode tree;
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            tree = mapper.readTree(parser);
        } catch (JsonProcessingException e) {
            throw new PolicyException(describe(file, locator, e), e);
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot be read (" + e.getMessage() + ").", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new PolicyException(file + ": the policy file holds no mapping. It needs a 'roles:' section.");
        }
        List<PolicyProblem> problems = new ArrayList<>();
        for (PolicySchema.Violation violation : PolicySchema.get().check(tree)) {
            problems.add(problem(file, locator, violation.key(), violation.message()));
        }
        if (!problems.isEmpty()) {
            problems.sort(
                    java.util.Comparator.comparingInt(PolicyProblem::line).thenComparingInt(PolicyProblem::column));
            throw new PolicyException(problems);
        }
    }

    private static String decode(Path file, byte[] bytes) throws PolicyException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in)
                    .toString();
        } catch (CharacterCodingException e) {
            // The decoder stops at the first bad byte.
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new PolicyException(
                    file + ":" + line + ": the policy file is not UTF-8 text (the bytes at offset " + in.position()
                            + " are not valid UTF-8). Save the file as UTF-8.",
                    e);
        }
    }

    private static byte[] readFile(Path file) throws PolicyException {
        if (Files.isDirectory(file)) {
            throw new PolicyException(file + ": is a directory, not a policy file. Point toolgate.policy at a YAML"
                    + " file, for instance policies/agents.yaml.");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_POLICY_BYTES) {
                throw new PolicyException(file + ": the policy file is " + size + " bytes, over the limit of "
                        + MAX_POLICY_BYTES + " bytes. Is this the right file?");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PolicyException(file + ": policy file not found (working directory "
                    + Path.of("").toAbsolutePath() + "). Set toolgate.policy to an existing YAML file.");
        } catch (AccessDeniedException e) {
            throw new PolicyException(file + ": the policy file cannot be read (permission denied). Make it"
                    + " readable by the user that runs the JVM.");
        } catch (IOException e) {
            throw new PolicyException(file + ": the policy file cannot be read (" + e + ").", e);
        }
    }

    /** Checks what the YAML schema cannot: every message names the file, the key's line and the key. */
    private record Validation(Path file, java.util.function.Function<String, Place> places, List<PolicyCheck> checks) {

        Policy validate(String sha256, PolicyDocument document) throws PolicyException {
            if (document.version() != null && document.version() != SUPPORTED_VERSION) {
                throw fail(
                        "version",
                        document.version() + " is not a policy version this agent reads; use version: "
                                + SUPPORTED_VERSION + ".");
            }
            if (document.roles() == null || document.roles().isEmpty()) {
                throw fail(
                        "roles",
                        "no roles are defined, so every tool call would be denied. Add a 'roles:'"
                                + " section naming each agent role and its allowed_tools.");
            }
            // Each role and tool is checked on its own, so that one load reports every entry that is wrong.
            List<PolicyProblem> problems = new ArrayList<>();
            Map<String, RolePolicy> roles = new LinkedHashMap<>();
            for (Map.Entry<String, RolePolicy> role : document.roles().entrySet()) {
                try {
                    checkRole(role.getKey(), role.getValue());
                    roles.put(role.getKey(), role.getValue());
                } catch (PolicyException e) {
                    problems.addAll(e.problems());
                }
            }
            Map<String, ToolPolicy> tools = new LinkedHashMap<>();
            if (document.tools() != null) {
                for (Map.Entry<String, ToolPolicy> tool : document.tools().entrySet()) {
                    try {
                        checkTool(tool.getKey(), tool.getValue());
                        tools.put(tool.getKey(), tool.getValue());
                    } catch (PolicyException e) {
                        problems.addAll(e.problems());
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new PolicyException(problems);
            }
            List<InstrumentRule> instrument = new ArrayList<>();
            if (document.instrument() != null) {
                for (int i = 0; i < document.instrument().size(); i++) {
                    InstrumentRule rule = document.instrument().get(i);
                    String key = "instrument[" + i + "]";
                    if (rule == null
                            || rule.className() == null
                            || rule.className().isBlank()) {
                        throw fail(
                                key,
                                "the class is missing. Name the class to instrument, for instance"
                                        + " com.example.LegacyTools or com.example.*Tools.",
                                key + ".class");
                    }
                    if (rule.methods().isEmpty() || rule.methods().stream().anyMatch(m -> m == null || m.isBlank())) {
                        throw fail(
                                key + ".methods",
                                "give at least one method name pattern, for instance" + " [\"delete*\"].");
                    }
                    instrument.add(rule);
                }
            }
            if (document.approval() != null) {
                checkApprovalSettings(document.approval());
            }
            limitChecks().checkSessions(document.sessions());
            checkProvenance("provenance", document.provenance(), true);
            checkExamples(document.examples());
            Policy policy = new Policy(
                    file,
                    sha256,
                    document.version(),
                    roles,
                    tools,
                    instrument,
                    document.approval(),
                    document.sessions(),
                    document.validators(),
                    document.screening(),
                    document.visibility(),
                    document.examples(),
                    document.provenance());
            for (PolicyCheck check : checks) {
                try {
                    check.check(policy);
                } catch (PolicyCheck.Problem problem) {
                    throw fail(problem.key(), problem.getMessage());
                }
            }
            return policy;
        }

        private void checkRole(String name, RolePolicy role) throws PolicyException {
            if (role == null) {
                throw fail(
                        "roles." + name, "the role is empty. Give it allowed_tools (and denied_tools where useful).");
            }
            limitChecks().checkRole(name, role.resourceLimits());
            checkProvenance("roles." + name + ".provenance", role.provenance(), false);
            if (role.approval() != null) {
                checkRoleApproval("roles." + name + ".approval", role.approval());
            }
        }

        private void checkTool(String name, ToolPolicy tool) throws PolicyException {
            if (tool == null || tool.risk() == null) {
                throw fail(
                        "tools." + name,
                        "the risk is missing. Give the tool a risk: one of " + riskNames() + ".",
                        "tools." + name + ".risk");
            }
            limitChecks().checkTool(name, tool);
        }

        private void checkProvenance(String key, ProvenancePolicy provenance, boolean topLevel) throws PolicyException {
            if (provenance == null) {
                return;
            }
            if (!topLevel) {
                String limit = provenance.maxEntries() != null
                        ? "max_entries"
                        : provenance.maxSessions() != null
                                ? "max_sessions"
                                : provenance.maxResultChars() != null
                                        ? "max_result_chars"
                                        : provenance.identifierFields() != null ? "identifier_fields" : null;
                if (limit != null) {
                    throw fail(
                            key + "." + limit,
                            "is set for the whole agent, not per role. Move it to the top-level provenance: section.");
                }
            }
            checkPositive(key + ".max_entries", provenance.maxEntries());
            checkPositive(key + ".max_sessions", provenance.maxSessions());
            checkPositive(key + ".max_result_chars", provenance.maxResultChars());
            if (provenance.identifierFields() != null
                    && provenance.identifierFields().stream().anyMatch(field -> field == null || field.isBlank())) {
                throw fail(
                        key + ".identifier_fields",
                        "a field name is empty. List the names of result fields whose values the service assigns,"
                                + " for instance [id, file_id].");
            }
            if (provenance.identifiers() != null
                    && provenance.identifiers().stream().anyMatch(java.util.Objects::isNull)) {
                throw fail(key + ".identifiers", "give risk classes: one of " + riskNames() + ".");
            }
            if (provenance.sinks() != null && provenance.sinks().stream().anyMatch(java.util.Objects::isNull)) {
                throw fail(key + ".sinks", "a sink is a risk class: one of " + riskNames() + ".");
            }
        }

        private void checkPositive(String key, Integer value) throws PolicyException {
            if (value != null && value < 1) {
                throw fail(key, value + " is not a positive whole number.");
            }
        }

        private LimitChecks limitChecks() {
            return new LimitChecks(this::fail);
        }

        private void checkApprovalSettings(ApprovalSettings approval) throws PolicyException {
            if (approval.channel() != null && approval.channel().isBlank()) {
                throw fail(
                        "approval.channel",
                        "is empty; name a channel: deny, console, webhook, endpoint, or"
                                + " the name of a channel provided through the SPI.");
            }
            checkDuration("approval.timeout", approval.timeout());
            checkDefaults("approval.defaults", approval.defaults());
            if (approval.webhook() != null
                    && (approval.webhook().url() == null
                            || !approval.webhook().url().matches("(?i)https?://.+"))) {
                throw fail(
                        "approval.webhook.url",
                        "give the http:// or https:// URL approval requests are posted" + " to.");
            }
            if (approval.endpoint() != null
                    && approval.endpoint().port() != null
                    && (approval.endpoint().port() < 0 || approval.endpoint().port() > 65535)) {
                throw fail(
                        "approval.endpoint.port",
                        approval.endpoint().port() + " is not a port; use 1-65535,"
                                + " or 0 to let the system choose.");
            }
        }

        private void checkRoleApproval(String key, RoleApproval approval) throws PolicyException {
            checkDefaults(key + ".defaults", approval.defaults());
            for (int i = 0; i < approval.rules().size(); i++) {
                ApprovalRule rule = approval.rules().get(i);
                String ruleKey = key + ".rules[" + i + "]";
                if (rule == null || rule.tools().isEmpty()) {
                    throw fail(
                            ruleKey,
                            "the rule names no tools. Give tools: [name, ...] (wildcards allowed).",
                            ruleKey + ".tools");
                }
                if (rule.action() == null) {
                    throw fail(
                            ruleKey,
                            "the rule has no action. Use one of allow, log, approve, auto_approve," + " deny.",
                            ruleKey + ".action");
                }
                checkDuration(ruleKey + ".timeout", rule.timeout());
                for (Map.Entry<String, Object> condition : rule.when().entrySet()) {
                    Object value = condition.getValue();
                    boolean patterns = value instanceof String
                            || value instanceof List<?> list
                                    && !list.isEmpty()
                                    && list.stream().allMatch(element -> element instanceof String);
                    if (!patterns) {
                        throw fail(
                                ruleKey + ".when." + condition.getKey(),
                                "give a pattern or a list of patterns"
                                        + " the argument must match, for instance \"*@corp.example\".");
                    }
                }
            }
        }

        /** The examples' shape; what the policy decides about them is a {@link PolicyCheck}'s to say. */
        private void checkExamples(List<PolicyExample> examples) throws PolicyException {
            if (examples == null) {
                return;
            }
            for (int i = 0; i < examples.size(); i++) {
                PolicyExample example = examples.get(i);
                String key = "examples[" + i + "]";
                if (example == null) {
                    throw fail(key, "the example is empty. Give role, tool, expect (and args where the call has any).");
                }
                if (example.role() == null || example.role().isBlank()) {
                    throw fail(key + ".role", "name the role that makes the call.", key);
                }
                if (example.tool() == null || example.tool().isBlank()) {
                    throw fail(key + ".tool", "name the tool called.", key);
                }
                if (example.expect() == null || !example.expect().matches("allow|deny|approval")) {
                    throw fail(
                            key + ".expect",
                            (example.expect() == null ? "missing" : "'" + example.expect() + "' is not a verdict")
                                    + ". Use allow, deny or approval.",
                            example.expect() == null ? key : key + ".expect");
                }
            }
        }

        private void checkDefaults(String key, Map<String, ApprovalAction> defaults) throws PolicyException {
            for (Map.Entry<String, ApprovalAction> entry : defaults.entrySet()) {
                if (RiskLevel.parse(entry.getKey()) == null) {
                    throw fail(
                            key + "." + entry.getKey(),
                            "'" + entry.getKey() + "' is not a risk class. Use one" + " of " + riskNames() + ".");
                }
                if (entry.getValue() == null) {
                    throw fail(
                            key + "." + entry.getKey(),
                            "no action given. Use one of allow, log, approve," + " auto_approve, deny.");
                }
            }
        }

        private void checkDuration(String key, String text) throws PolicyException {
            if (text != null && Durations.parse(text) == null) {
                throw fail(key, "'" + text + "' is not a duration. Write for instance " + Durations.EXAMPLES + ".");
            }
        }

        private PolicyException fail(String key, String message) {
            return fail(key, message, key);
        }

        /** @param locatedAt the key whose line is named, when the faulty key itself is absent */
        private PolicyException fail(String key, String message, String locatedAt) {
            Place place = places.apply(key);
            return new PolicyException(
                    List.of(problemAt(place.file(), place.locator(), place.key(), locatedAt, message)));
        }
    }

    private static String describe(Path file, KeyLocator locator, JsonProcessingException e) {
        JsonProcessingException syntax = syntaxError(e);
        if (syntax instanceof com.fasterxml.jackson.core.exc.InputCoercionException outOfRange
                && outOfRange.getLocation() != null) {
            String key = locator.keyAt(
                    outOfRange.getLocation().getLineNr(),
                    outOfRange.getLocation().getColumnNr());
            if (key != null) {
                return file + locator.positionOf(key) + ": key '" + key + "': " + outOfRange.getOriginalMessage()
                        + ". Give a number in range; for limits, a positive whole number.";
            }
        }
        if (syntax != null) {
            return where(file, syntax.getLocation()) + ": not valid YAML: "
                    + firstLines(syntax.getOriginalMessage()) + ". Fix the syntax (indentation, brackets, quotes,"
                    + " colons) there.";
        }
        JsonMappingException mapping = (JsonMappingException) e;
        String key = keyPath(mapping.getPath());
        // Jackson's own location can be a look-ahead position further down; the key's place in the text is exact.
        String position = locator.positionOf(key);
        String where = position.isEmpty() ? where(file, e.getLocation()) : file + position;
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null
                    ? ""
                    : unknown.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", "));
            return where + ": key '" + key + "': unknown key '" + unknown.getPropertyName() + "'. Known keys here: "
                    + known + ".";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == RiskLevel.class) {
            return where + ": key '" + key + "': '" + invalid.getValue() + "' is not a risk class. Use one of "
                    + riskNames() + ".";
        }
        if (e instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            return where + ": key '" + key + "': " + instantiation.getCause().getMessage();
        }
        return where + ": key '" + key + "': " + plain(firstLine(mapping.getOriginalMessage())) + ".";
    }

    private static String where(Path file, JsonLocation location) {
        return file
                + (location != null && location.getLineNr() > 0
                        ? ":" + location.getLineNr() + ":" + location.getColumnNr()
                        : "");
    }

    /** The YAML syntax error behind {@code e}, or null when the YAML parsed and binding failed. */
    private static JsonProcessingException syntaxError(JsonProcessingException e) {
        Throwable current = e;
        while (current != null) {
            if (current instanceof JsonProcessingException processing && !(current instanceof JsonMappingException)) {
                return processing;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return null;
    }

    private static String keyPath(List<JsonMappingException.Reference> path) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (key.length() > 0) {
                    key.append('.');
                }
                key.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                key.append('[').append(reference.getIndex()).append(']');
            }
        }
        return key.length() == 0 ? "(top level)" : key.toString();
    }

    /** Jackson names Java types; a policy author thinks in YAML shapes. */
    private static String plain(String message) {
        return message.replaceAll(
                        "Cannot construct instance of `[\\w.]*\\.(\\w+)` \\(although at least one Creator"
                                + " exists\\): no \\w+-argument constructor/factory method to deserialize from \\w+ value"
                                + " \\((.*)\\)",
                        "expected a mapping of $1 settings but found the value $2")
                .replaceAll("`java\\.util\\.(List|ArrayList)(<[^>]*>)?`", "a list")
                .replaceAll("`java\\.util\\.(Map|LinkedHashMap)(<[^>]*>)?`", "a mapping")
                .replaceAll("`java\\.lang\\.(Long|Integer)`", "a whole number")
                .replaceAll("`java\\.lang\\.Boolean`", "true or false")
                .replaceAll("`java\\.lang\\.String`", "a string")
                .replaceAll("`dev\\.toolgate\\.[\\w.]*\\.(\\w+)`", "$1")
                .replaceAll("\\(class [^)]*\\)", "")
                .trim();
    }

    /** SnakeYAML's context line and its problem line, without the source excerpt and caret it adds. */
    private static String firstLines(String message) {
        if (message == null) {
            return "unknown problem";
        }
        List<String> lines = message.lines()
                .filter(line ->
                        !line.isBlank() && !line.startsWith(" ") && !line.trim().startsWith("in '"))
                .map(String::trim)
                .toList();
        if (lines.isEmpty()) {
            return firstLine(message);
        }
        return lines.size() == 1 ? lines.get(0) : lines.get(0) + ": " + lines.get(lines.size() - 1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String riskNames() {
        return Arrays.stream(RiskLevel.values()).map(RiskLevel::wireName).collect(Collectors.joining(", "));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
