package dev.toolgate.agent.validation.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.toolgate.agent.instrument.ParameterType;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.validation.SettingException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schemas of tool arguments: derived from the Java signature (types, required parameters, enum constants,
 * element types) and tightened by the policy's fragment ({@code allOf}). Validation uses networknt's
 * json-schema-validator (draft 2020-12); the schema never refers to anything outside itself, so nothing is
 * fetched.
 */
public final class ArgumentSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static final Set<String> INTEGERS = Set.of(
            "int",
            "long",
            "short",
            "byte",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Short",
            "java.lang.Byte",
            "java.math.BigInteger",
            "java.util.concurrent.atomic.AtomicInteger",
            "java.util.concurrent.atomic.AtomicLong");
    private static final Set<String> NUMBERS = Set.of(
            "float", "double", "java.lang.Float", "java.lang.Double", "java.math.BigDecimal", "java.lang.Number");
    private static final Set<String> STRINGS =
            Set.of("java.lang.String", "java.lang.CharSequence", "char", "java.lang.Character");
    private static final Set<String> BOOLEANS = Set.of("boolean", "java.lang.Boolean");
    private static final Set<String> ARRAYS = Set.of(
            "java.util.List",
            "java.util.Collection",
            "java.util.Set",
            "java.lang.Iterable",
            "java.util.ArrayList",
            "java.util.LinkedList",
            "java.util.HashSet",
            "java.util.LinkedHashSet",
            "java.util.SortedSet",
            "java.util.TreeSet",
            "java.util.Queue",
            "java.util.Deque");
    private static final Set<String> MAPS = Set.of(
            "java.util.Map",
            "java.util.HashMap",
            "java.util.LinkedHashMap",
            "java.util.TreeMap",
            "java.util.SortedMap",
            "java.util.concurrent.ConcurrentMap",
            "java.util.concurrent.ConcurrentHashMap");

    private ArgumentSchemas() {}

    /** Checks a policy fragment: a self-contained JSON Schema object that the library compiles. */
    public static JsonNode checkFragment(Map<String, Object> fragment, String key) throws SettingException {
        JsonNode node;
        try {
            node = MAPPER.valueToTree(fragment);
        } catch (IllegalArgumentException e) {
            throw new SettingException(key, "cannot be read as JSON: " + e.getMessage());
        }
        String external = externalReference(node, 0);
        if (external != null) {
            throw new SettingException(
                    key,
                    "refers to '" + external + "' outside the fragment; the schema must be"
                            + " self-contained (use \"#/...\" references only), since nothing is fetched at run time.");
        }
        try {
            Schema schema = REGISTRY.getSchema(node);
            schema.validate(NODES.objectNode());
        } catch (RuntimeException e) {
            throw new SettingException(key, "is not a usable JSON Schema: " + e.getMessage());
        }
        return node;
    }

    private static String externalReference(JsonNode node, int depth) {
        if (depth > 64) {
            return "(nesting deeper than 64 levels)";
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if ((field.getKey().equals("$ref")
                                || field.getKey().equals("$dynamicRef")
                                || field.getKey().equals("$schema")
                                || field.getKey().equals("$id"))
                        && field.getValue().isTextual()
                        && !field.getValue().asText().startsWith("#")
                        && !field.getValue().asText().equals("https://json-schema.org/draft/2020-12/schema")) {
                    return field.getValue().asText();
                }
                String inner = externalReference(field.getValue(), depth + 1);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                String inner = externalReference(element, depth + 1);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** The schema of the arguments object as derived from the signature. */
    public static ObjectNode derive(ToolDescriptor tool) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        List<String> names = tool.parameterNames();
        List<ParameterType> types = tool.parameterTypes();
        for (int i = 0; i < names.size(); i++) {
            ParameterType type = i < types.size() ? types.get(i) : ParameterType.UNKNOWN;
            ObjectNode property = forType(type.typeName(), type.typeArguments(), type.enumConstants());
            if (!type.required()) {
                property = nullable(property);
            } else {
                required.add(names.get(i));
            }
            properties.set(names.get(i), property);
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    /** Whether the derived schema says more than the JVM already guarantees for a call's arguments. */
    public static boolean constrainsBeyondJava(ToolDescriptor tool) {
        for (ParameterType type : tool.parameterTypes()) {
            if (!type.typeArguments().isEmpty() || !type.enumConstants().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The derived schema, tightened by {@code fragment} when there is one. */
    public static Schema compile(ToolDescriptor tool, JsonNode fragment) {
        ObjectNode schema = derive(tool);
        if (fragment != null) {
            schema.putArray("allOf").add(fragment);
        }
        return REGISTRY.getSchema(schema);
    }

    /** The first violation as "pointer: message", or null when the arguments are valid. */
    public static String violation(Schema schema, JsonNode arguments) {
        List<Error> errors = schema.validate(arguments);
        if (errors.isEmpty()) {
            return null;
        }
        Error first = errors.get(0);
        String pointer = String.valueOf(first.getInstanceLocation());
        String message = first.getMessage();
        return (message.startsWith(pointer) ? message : pointer + ": " + message)
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }

    private static ObjectNode forType(String name, List<String> arguments, List<String> constants) {
        ObjectNode node = NODES.objectNode();
        if (!constants.isEmpty()) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            constants.forEach(values::add);
        } else if (STRINGS.contains(name)) {
            node.put("type", "string");
            if (name.equals("char") || name.equals("java.lang.Character")) {
                node.put("minLength", 1).put("maxLength", 1);
            }
        } else if (BOOLEANS.contains(name)) {
            node.put("type", "boolean");
        } else if (INTEGERS.contains(name)) {
            node.put("type", "integer");
            switch (name) {
                case "int", "java.lang.Integer" ->
                    node.put("minimum", Integer.MIN_VALUE).put("maximum", Integer.MAX_VALUE);
                case "short", "java.lang.Short" ->
                    node.put("minimum", Short.MIN_VALUE).put("maximum", Short.MAX_VALUE);
                case "byte", "java.lang.Byte" ->
                    node.put("minimum", Byte.MIN_VALUE).put("maximum", Byte.MAX_VALUE);
                default -> {}
            }
        } else if (NUMBERS.contains(name)) {
            node.put("type", "number");
        } else if (name.endsWith("[]")) {
            node.put("type", "array");
            node.set("items", forType(name.substring(0, name.length() - 2), List.of(), List.of()));
        } else if (ARRAYS.contains(name)) {
            node.put("type", "array");
            if (arguments.size() == 1) {
                node.set("items", forType(arguments.get(0), List.of(), List.of()));
            }
        } else if (MAPS.contains(name)) {
            node.put("type", "object");
            if (arguments.size() == 2) {
                node.set("additionalProperties", forType(arguments.get(1), List.of(), List.of()));
            }
        } else if (name.equals("java.util.Optional")) {
            return nullable(arguments.size() == 1 ? forType(arguments.get(0), List.of(), List.of()) : node);
        }
        return node;
    }

    private static ObjectNode nullable(ObjectNode property) {
        if (property.isEmpty()) {
            return property;
        }
        return NODES.objectNode()
                .set(
                        "anyOf",
                        NODES.arrayNode().add(property).add(NODES.objectNode().put("type", "null")));
    }
}
