package dev.toolgate.agent.policytool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.dispatch.ToolArguments;
import java.util.Map;

/**
 * Arguments written in YAML (a test case's or an example's {@code args:}) as the gate would read them: the map is
 * written as JSON and read back by the agent's bounded reader, so numbers, lists and nulls reach the checks in
 * the same types as a dispatched call's.
 */
final class Arguments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Arguments() {}

    static ToolArguments of(Map<String, Object> values) throws ToolArguments.Unreadable {
        try {
            return ToolArguments.parse(JSON.writeValueAsString(values));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("YAML values could not be written as JSON: " + e.getOriginalMessage());
        }
    }
}
