package dev.toolgate.e2e.apps.sandbox;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;

/** Tools whose bodies run one named attempt of {@link Escapes}; each declares a different risk. */
public class EscapeTools {

    @AgentTool(name = "run_code", risk = Risk.EXTERNAL)
    public String runCode(String attempt) {
        return Escapes.run(attempt);
    }

    @AgentTool(name = "read_report", risk = Risk.READ)
    public String readReport(String attempt) {
        return Escapes.run(attempt);
    }

    @AgentTool(name = "edit_report", risk = Risk.MODIFY)
    public String editReport(String attempt) {
        return Escapes.run(attempt);
    }
}
