package dev.toolgate.agent.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
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
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    public Policy load(Path file) throws PolicyException {
        byte[] bytes = readFile(file);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        if (text.isBlank() || text.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
            throw new PolicyException(file + ": the policy file is empty. It needs at least a 'roles:' section"
                    + " naming each agent role and its allowed_tools; see policies/ for examples.");
        }
        PolicyDocument document;
        try (JsonParser parser = mapper.getFactory().createParser(bytes)) {
            document = mapper.readValue(parser, PolicyDocument.class);
        } catch (JsonProcessingException e) {
            throw new PolicyException(describe(file, e), e);
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot be read (" + e.getMessage() + ").", e);
        }
        if (document == null) {
            throw new PolicyException(file + ": the policy file holds no mapping. It needs a 'roles:' section.");
        }
        return validate(file, sha256(bytes), document);
    }

    private static byte[] readFile(Path file) throws PolicyException {
        if (Files.isDirectory(file)) {
            throw new PolicyException(file + ": is a directory, not a policy file. Point toolgate.policy at a YAML"
                    + " file, for instance policies/infrastructure.yaml.");
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

    private static Policy validate(Path file, String sha256, PolicyDocument document) throws PolicyException {
        if (document.version() != null && document.version() != SUPPORTED_VERSION) {
            throw new PolicyException(file + ": key 'version': " + document.version()
                    + " is not a policy version this agent reads; use version: " + SUPPORTED_VERSION + ".");
        }
        if (document.roles() == null || document.roles().isEmpty()) {
            throw new PolicyException(file + ": key 'roles': no roles are defined, so every tool call would be"
                    + " denied. Add a 'roles:' section naming each agent role and its allowed_tools.");
        }
        Map<String, RolePolicy> roles = new LinkedHashMap<>();
        for (Map.Entry<String, RolePolicy> role : document.roles().entrySet()) {
            if (role.getValue() == null) {
                throw new PolicyException(file + ": key 'roles." + role.getKey() + "': the role is empty. Give it"
                        + " allowed_tools (and denied_tools where useful).");
            }
            checkLimits(file, role.getKey(), role.getValue().resourceLimits());
            roles.put(role.getKey(), role.getValue());
        }
        Map<String, ToolPolicy> tools = new LinkedHashMap<>();
        if (document.tools() != null) {
            for (Map.Entry<String, ToolPolicy> tool : document.tools().entrySet()) {
                if (tool.getValue() == null || tool.getValue().risk() == null) {
                    throw new PolicyException(file + ": key 'tools." + tool.getKey() + ".risk': missing. Give the"
                            + " tool a risk: one of " + riskNames() + ".");
                }
                tools.put(tool.getKey(), tool.getValue());
            }
        }
        List<InstrumentRule> instrument = new ArrayList<>();
        if (document.instrument() != null) {
            for (int i = 0; i < document.instrument().size(); i++) {
                InstrumentRule rule = document.instrument().get(i);
                String key = "instrument[" + i + "]";
                if (rule == null || rule.className() == null || rule.className().isBlank()) {
                    throw new PolicyException(file + ": key '" + key + ".class': missing. Name the class to"
                            + " instrument, for instance com.example.LegacyTools or com.example.*Tools.");
                }
                if (rule.methods().isEmpty() || rule.methods().stream().anyMatch(m -> m == null || m.isBlank())) {
                    throw new PolicyException(file + ": key '" + key + ".methods': give at least one method name"
                            + " pattern, for instance [\"delete*\"].");
                }
                instrument.add(rule);
            }
        }
        return new Policy(file, sha256, document.version(), roles, tools, instrument);
    }

    private static void checkLimits(Path file, String role, ResourceLimits limits) throws PolicyException {
        if (limits == null) {
            return;
        }
        checkPositive(file, role, "max_api_calls", limits.maxApiCalls());
        checkPositive(file, role, "max_tokens", limits.maxTokens());
        checkPositive(file, role, "timeout_seconds", limits.timeoutSeconds());
    }

    private static void checkPositive(Path file, String role, String key, Long value) throws PolicyException {
        if (value != null && value <= 0) {
            throw new PolicyException(file + ": key 'roles." + role + ".resource_limits." + key + "': " + value
                    + " is not a usable limit; give a positive number, or leave the key out for no limit.");
        }
    }

    private static String describe(Path file, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = file + (location != null && location.getLineNr() > 0
                ? ":" + location.getLineNr() + ":" + location.getColumnNr() : "");
        if (!(e instanceof JsonMappingException mapping)) {
            return where + ": not valid YAML: " + firstLine(e.getOriginalMessage())
                    + ". Fix the syntax (indentation, quotes, colons) at that line.";
        }
        String key = keyPath(mapping.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return where + ": key '" + key + "': unknown key '" + unknown.getPropertyName()
                    + "'. Known keys here: " + known + ".";
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
        return message
                .replaceAll("`java\\.util\\.(List|ArrayList)(<[^>]*>)?`", "a list")
                .replaceAll("`java\\.util\\.(Map|LinkedHashMap)(<[^>]*>)?`", "a mapping")
                .replaceAll("`java\\.lang\\.(Long|Integer)`", "a whole number")
                .replaceAll("`java\\.lang\\.Boolean`", "true or false")
                .replaceAll("`java\\.lang\\.String`", "a string")
                .replaceAll("`dev\\.toolgate\\.[\\w.]*\\.(\\w+)`", "$1")
                .replaceAll("\\(class [^)]*\\)", "")
                .trim();
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

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
