package dev.toolgate.e2e.apps.dispatch;

import java.util.List;
import java.util.Optional;

/** What a dispatch app printed, read back by scenario: bodies that ran, what the model saw, how chats ended. */
public final class DispatchOutput {

    private final List<String> lines;

    public DispatchOutput(String stdout) {
        this.lines = stdout.lines().toList();
    }

    /** {@code <tool> <arguments>} of every body that ran in the scenario, in order. */
    public List<String> bodies(String scenario) {
        return after(DispatchScenario.BODY + scenario + " ");
    }

    /** The text the model was handed for the call with this id, if it was handed any. */
    public Optional<String> modelSaw(String scenario, String callId) {
        return after(DispatchScenario.MODEL_SAW + scenario + " " + callId + " ").stream()
                .map(rest -> rest.substring(rest.indexOf(": ") + 2))
                .findFirst();
    }

    /** The tool name, as the model's result message gave it (shortened), for the call with this id. */
    public Optional<String> modelSawTool(String scenario, String callId) {
        return after(DispatchScenario.MODEL_SAW + scenario + " " + callId + " ").stream()
                .map(rest -> rest.substring(0, rest.indexOf(": ")))
                .findFirst();
    }

    public Optional<String> answer(String scenario) {
        return after(DispatchScenario.ANSWER + scenario + " ").stream().findFirst();
    }

    public Optional<String> chatFailure(String scenario) {
        return after(DispatchScenario.CHAT_FAILED + scenario + " ").stream().findFirst();
    }

    /** {@code RAN <result>}, {@code REFUSED <exception>: <message>} or {@code FAILED <exception>}. */
    public Optional<String> direct(String scenario, String label) {
        return after("DIRECT " + scenario + " " + label + " ").stream().findFirst();
    }

    private List<String> after(String prefix) {
        return lines.stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()))
                .toList();
    }
}
