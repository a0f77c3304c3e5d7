package dev.toolgate.bench.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a suite's {@code traces.jsonl}: a user task, alone (benign) or with an injection task, and the
 * tool calls a model that follows the injection would make, with the results it is shown.
 */
record Trace(String userTask, String injectionTask, String userPrompt, List<Step> steps) {

    /** One recorded call: {@code args} as the JSON object the model sends, {@code result} as the text it reads. */
    record Step(String tool, String args, String result, boolean injection) {}

    boolean benign() {
        return injectionTask == null;
    }

    boolean hasInjectionSteps() {
        return steps.stream().anyMatch(Step::injection);
    }

    static Trace of(JsonNode line) {
        List<Step> steps = new ArrayList<>();
        for (JsonNode step : line.get("steps")) {
            steps.add(new Step(
                    step.get("tool").asText(),
                    step.get("args").toString(),
                    step.get("result").asText(),
                    "injection_task".equals(step.get("origin").asText())));
        }
        JsonNode injection = line.get("injection_task_id");
        return new Trace(
                line.get("user_task_id").asText(),
                injection == null || injection.isNull() ? null : injection.asText(),
                line.get("user_prompt").asText(),
                List.copyOf(steps));
    }
}
