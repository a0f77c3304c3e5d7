package dev.toolgate.bench.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The suite's tools as LangChain4j programmatic tools: a specification from {@code tools.json} and an executor
 * that returns the recorded result of the step the model is replaying.
 */
final class RecordedTools {

    private final Map<String, ToolSpecification> specifications = new LinkedHashMap<>();

    RecordedTools(JsonNode tools) {
        for (JsonNode tool : tools) {
            String name = tool.get("name").asText();
            JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
            JsonNode schema = tool.get("parameters");
            JsonNode properties = schema == null ? null : schema.get("properties");
            if (properties != null) {
                properties.fields().forEachRemaining(p -> parameters.addProperty(p.getKey(), element(p.getValue())));
            }
            if (schema != null && schema.get("required") != null) {
                java.util.List<String> required = new java.util.ArrayList<>();
                schema.get("required").forEach(r -> required.add(r.asText()));
                parameters.required(required);
            }
            specifications.put(
                    name,
                    ToolSpecification.builder()
                            .name(name)
                            .description(tool.get("description").asText())
                            .parameters(parameters.build())
                            .build());
        }
    }

    private static JsonSchemaElement element(JsonNode schema) {
        String description =
                schema.has("description") ? schema.get("description").asText() : null;
        JsonNode type = schema.get("type");
        if (type == null && schema.has("anyOf")) {
            for (JsonNode option : schema.get("anyOf")) {
                if (!"null".equals(option.path("type").asText())) {
                    return element(option);
                }
            }
        }
        String kind = type == null ? "string" : type.asText();
        return switch (kind) {
            case "integer" ->
                JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" ->
                JsonBooleanSchema.builder().description(description).build();
            case "array" ->
                JsonArraySchema.builder()
                        .description(description)
                        .items(schema.has("items") ? element(schema.get("items")) : new JsonStringSchema())
                        .build();
            case "object" -> JsonObjectSchema.builder().description(description).build();
            default -> JsonStringSchema.builder().description(description).build();
        };
    }

    /** The tools for one trace, each answering through {@code model}. */
    Map<ToolSpecification, ToolExecutor> executors(Supplier<ScriptedModel> model) {
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        specifications.forEach((name, specification) ->
                tools.put(specification, (request, memoryId) -> model.get().execute(request.name())));
        return tools;
    }
}
