package dev.toolgate.agent.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.screening.ScreenAction;
import java.util.List;
import java.util.Map;

/**
 * Everything checked on one tool's calls, compiled from its {@code tools:} entry and the policy's defaults.
 *
 * @param validators     per parameter name, the validators its value must pass, in order
 * @param schemaFragment the policy's JSON Schema fragment for the arguments, or null
 */
public record ToolChecks(
        String tool,
        Map<String, List<ArgumentValidator>> validators,
        JsonNode schemaFragment,
        ScreenAction screenArgs,
        ScreenAction screenResult,
        ExfiltrationAction exfiltration) {

    public ToolChecks {
        validators = Map.copyOf(validators);
    }
}
