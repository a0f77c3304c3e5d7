package dev.toolgate.agent.policytool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools an application offers, as one of two JSON forms: an array of {@code {name, description,
 * parameters}} (function-calling specifications, as exported from an agent), or an MCP server's
 * {@code tools/list} result ({@code {"tools": [{name, description, inputSchema, annotations}]}}, bare or inside a
 * JSON-RPC response's {@code result}).
 */
record ToolList(List<Tool> tools) {

    /** Tools files larger than this are refused: a tool list is a few hundred kilobytes at most. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    /**
     * @param parameters the parameter names, in order
     * @param hints      MCP annotations by name ({@code readOnlyHint}, {@code destructiveHint}, …), empty when none
     * @param choices    the parameters whose schema allows only a list of values ({@code enum}, directly or by a
     *                   {@code $ref} to a definition of the schema)
     */
    record Tool(
            String name,
            String description,
            List<String> parameters,
            Map<String, Boolean> hints,
            List<String> choices) {

        Tool(String name, String description, List<String> parameters, Map<String, Boolean> hints) {
            this(name, description, parameters, hints, List.of());
        }
    }

    static ToolList read(Path file) throws IOException, UsageProblem {
        if (Files.size(file) > MAX_BYTES) {
            throw new UsageProblem(file + ": " + Files.size(file) + " bytes is more than a tool list; give the"
                    + " tools.json of an agent or an MCP server's tools/list result.");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageProblem(file + ": not JSON (" + e.getOriginalMessage() + "). Give a JSON array of tools"
                    + " or an MCP tools/list result.");
        }
        JsonNode list = root;
        if (list != null && list.has("result")) {
            list = list.get("result");
        }
        if (list != null && list.has("tools")) {
            list = list.get("tools");
        }
        if (list == null || !list.isArray()) {
            throw new UsageProblem(file + ": holds no list of tools. Give a JSON array of {name, description,"
                    + " parameters} or an MCP tools/list result {\"tools\": [...]}.");
        }
        List<Tool> tools = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : list) {
            JsonNode name = entry.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw new UsageProblem(file + ": tool [" + index + "] has no name.");
            }
            JsonNode schema = entry.has("inputSchema") ? entry.get("inputSchema") : entry.get("parameters");
            List<String> parameters = new ArrayList<>();
            List<String> choices = new ArrayList<>();
            if (schema != null && schema.get("properties") != null) {
                Iterator<Map.Entry<String, JsonNode>> properties =
                        schema.get("properties").fields();
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    parameters.add(property.getKey());
                    if (isChoice(schema, property.getValue())) {
                        choices.add(property.getKey());
                    }
                }
            }
            Map<String, Boolean> hints = new LinkedHashMap<>();
            JsonNode annotations = entry.get("annotations");
            if (annotations != null && annotations.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = annotations.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (field.getValue().isBoolean()) {
                        hints.put(field.getKey(), field.getValue().asBoolean());
                    }
                }
            }
            JsonNode description = entry.get("description");
            tools.add(new Tool(
                    name.asText(),
                    description == null ? "" : description.asText(""),
                    List.copyOf(parameters),
                    hints,
                    List.copyOf(choices)));
            index++;
        }
        return new ToolList(List.copyOf(tools));
    }

    /** A property whose values are an {@code enum}, given in place or by a local {@code $ref}, alone or in allOf. */
    private static boolean isChoice(JsonNode schema, JsonNode property) {
        if (property == null || !property.isObject()) {
            return false;
        }
        if (property.has("enum")) {
            return property.get("enum").isArray();
        }
        JsonNode ref = property.get("$ref");
        if (ref == null && property.has("allOf") && property.get("allOf").size() == 1) {
            ref = property.get("allOf").get(0).get("$ref");
        }
        if (ref == null || !ref.isTextual()) {
            return false;
        }
        String path = ref.asText();
        for (String prefix : new String[] {"#/$defs/", "#/definitions/"}) {
            if (path.startsWith(prefix)) {
                JsonNode defs = schema.get(prefix.substring(2, prefix.length() - 1));
                JsonNode target = defs == null ? null : defs.get(path.substring(prefix.length()));
                return target != null
                        && target.has("enum")
                        && target.get("enum").isArray();
            }
        }
        return false;
    }
}
