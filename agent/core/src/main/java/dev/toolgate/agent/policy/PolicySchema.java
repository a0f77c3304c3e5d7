package dev.toolgate.agent.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.toolgate.agent.config.ClosestKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The policy's structure, as {@code policies/toolgate-policy.schema.json} (JSON Schema 2020-12) describes it: the
 * same file editors use to complete keys is what the loader checks first. Every violation is reported, in
 * Toolgate's words, with the key it concerns; the meaning of values (patterns, limits, validator options that
 * depend on the validator's type) is checked in code afterwards.
 */
final class PolicySchema {

    /** Where the schema is in the agent jar (copied from {@code policies/} by the build). */
    static final String RESOURCE = "dev/toolgate/agent/policy/toolgate-policy.schema.json";

    /** One structural problem: the key path (as in {@code roles.ops.allowed_tools}) and what is wrong with it. */
    record Violation(String key, String message) {}

    private static final PolicySchema INSTANCE = load();

    private final JsonNode document;
    private final Schema schema;

    private PolicySchema(JsonNode document, Schema schema) {
        this.document = document;
        this.schema = schema;
    }

    static PolicySchema get() {
        return INSTANCE;
    }

    /** The schema as published, for tests and tools. */
    JsonNode document() {
        return document;
    }

    private static PolicySchema load() {
        ClassLoader loader = PolicySchema.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the policy schema " + RESOURCE + " is missing from the agent jar");
            }
            JsonNode document = new ObjectMapper().readTree(in);
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(document);
            return new PolicySchema(document, schema);
        } catch (IOException e) {
            throw new UncheckedIOException("the policy schema " + RESOURCE + " cannot be read", e);
        }
    }

    /** Every structural problem of {@code policy}, in document order of the schema's evaluation. */
    List<Violation> check(JsonNode policy) {
        List<Violation> violations = new ArrayList<>();
        java.util.Set<String> wrongKind = new java.util.HashSet<>();
        for (Error error : schema.validate(policy)) {
            String at = keyPath(error.getInstanceLocation());
            boolean valueCheck = "enum".equals(error.getKeyword()) || "pattern".equals(error.getKeyword());
            if (valueCheck && wrongKind.contains(at)) {
                // A value of the wrong kind is reported once, as such.
                continue;
            }
            if ("type".equals(error.getKeyword())) {
                wrongKind.add(at);
            }
            if ("type".equals(error.getKeyword())
                    && (error.getInstanceNode() == null
                            || error.getInstanceNode().isNull())) {
                // An empty value is the loader's to judge: some keys may be left empty, others say what they need.
                continue;
            }
            Violation violation = describe(error);
            if (!violations.contains(violation)) {
                violations.add(violation);
            }
        }
        return violations;
    }

    private Violation describe(Error error) {
        String at = keyPath(error.getInstanceLocation());
        JsonNode value = error.getInstanceNode();
        JsonNode rule = error.getSchemaNode();
        JsonNode owner = owner(error);
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "additionalProperties", "unevaluatedProperties" -> unknownKey(at, error.getProperty(), owner);
            case "required" ->
                new Violation(
                        child(at, error.getProperty()),
                        "the key '" + error.getProperty() + "' is missing" + described(owner, error.getProperty()));
            case "type" ->
                new Violation(
                        at,
                        "is " + kindOf(value) + "; it must be " + expected(rule)
                                + (owner != null && owner.has("enum") ? ", " + choices(null, owner.get("enum")) : "")
                                + ".");
            case "pattern", "enum" -> new Violation(at, "'" + text(value) + "' is not " + choices(owner, rule) + ".");
            case "const" -> new Violation(at, "'" + text(value) + "' is not supported; use " + text(rule) + ".");
            case "minimum" ->
                new Violation(at, text(value) + " is too small; the least allowed is " + text(rule) + ".");
            case "maximum" -> new Violation(at, text(value) + " is too large; the most allowed is " + text(rule) + ".");
            case "minItems" -> new Violation(at, "give at least " + text(rule) + " entr" + plural(rule) + ".");
            case "minLength" -> new Violation(at, "is empty; give a value.");
            case "minProperties" ->
                new Violation(at, "is empty; give at least " + text(rule) + " entr" + plural(rule) + ".");
            case "propertyNames" -> new Violation(at, "has a key that is not allowed here.");
            default -> new Violation(at, withoutPath(error.getMessage()));
        };
    }

    private static Violation unknownKey(String at, String key, JsonNode owner) {
        TreeSet<String> known = new TreeSet<>();
        if (owner != null) {
            owner.path("properties").fieldNames().forEachRemaining(known::add);
        }
        String message = "unknown key '" + key + "'.";
        String closest = ClosestKey.to(key, known);
        if (closest != null) {
            message += " Did you mean '" + closest + "'?";
        }
        if (!known.isEmpty()) {
            message += " The keys allowed here are " + String.join(", ", known) + ".";
        }
        return new Violation(child(at, key), message);
    }

    /**
     * The schema object the failed keyword belongs to, with the properties of the schemas it includes by
     * {@code allOf}, so that an unknown key can be answered with every key allowed in its place.
     */
    private JsonNode owner(Error error) {
        if (error.getSchemaLocation() == null || error.getSchemaLocation().getFragment() == null) {
            return null;
        }
        String fragment = error.getSchemaLocation().getFragment().toString();
        int cut = fragment.lastIndexOf('/');
        if (cut < 0) {
            return null;
        }
        String parent = fragment.substring(0, cut);
        JsonNode node = document.at(parent.startsWith("#") ? parent.substring(1) : parent);
        if (node.isMissingNode()) {
            return null;
        }
        if (!node.has("allOf")) {
            return node;
        }
        com.fasterxml.jackson.databind.node.ObjectNode merged = node.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode properties = merged.withObject("/properties");
        for (JsonNode part : node.get("allOf")) {
            JsonNode included =
                    part.has("$ref") ? document.at(part.get("$ref").asText().substring(1)) : part;
            included.path("properties").fields().forEachRemaining(e -> properties.set(e.getKey(), e.getValue()));
        }
        return merged;
    }

    private static String described(JsonNode owner, String key) {
        JsonNode description =
                owner == null ? null : owner.path("properties").path(key).path("description");
        return description == null || description.isMissingNode() ? "." : ": " + description.asText();
    }

    private static String choices(JsonNode owner, JsonNode rule) {
        if (rule != null && rule.isArray()) {
            List<String> values = new ArrayList<>();
            rule.forEach(v -> values.add(v.asText()));
            return "one of " + String.join(", ", values);
        }
        JsonNode description = owner == null ? null : owner.get("description");
        if (description != null && description.isTextual()) {
            String text = description.asText();
            return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        }
        return "allowed here";
    }

    private static String expected(JsonNode rule) {
        if (rule == null) {
            return "of another kind";
        }
        if (rule.isArray()) {
            List<String> kinds = new ArrayList<>();
            rule.forEach(kind -> kinds.add(kindName(kind.asText())));
            return String.join(" or ", kinds);
        }
        return kindName(rule.asText());
    }

    private static String kindName(String type) {
        return switch (type) {
            case "object" -> "a mapping (key: value lines)";
            case "array" -> "a list, such as [a, b]";
            case "string" -> "text";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> type;
        };
    }

    private static String kindOf(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "empty";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isTextual()) {
            return "the text '" + value.asText() + "'";
        }
        if (value.isIntegralNumber()) {
            return "the number " + value.asText();
        }
        if (value.isNumber()) {
            return "the fraction " + value.asText();
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        return "of another kind";
    }

    private static String text(JsonNode node) {
        return node == null ? "" : node.isValueNode() ? node.asText() : node.toString();
    }

    private static String plural(JsonNode count) {
        return count != null && count.asInt() == 1 ? "y" : "ies";
    }

    private static String withoutPath(String message) {
        int colon = message == null ? -1 : message.indexOf(": ");
        return colon > 0 && message.startsWith("/") ? message.substring(colon + 2) : message;
    }

    private static String child(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }

    /** {@code /roles/ops/approval/rules/0/tools} as the loader's messages write it: roles.ops.approval.rules[0].tools. */
    static String keyPath(NodePath path) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                key.append('[').append(index).append(']');
            } else {
                if (key.length() > 0) {
                    key.append('.');
                }
                key.append(element);
            }
        }
        return key.toString();
    }
}
