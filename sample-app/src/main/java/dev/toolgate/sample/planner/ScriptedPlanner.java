package dev.toolgate.sample.planner;

import dev.toolgate.sample.text.OneLine;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the model-driven loop of an agent framework: it executes a fixed list of steps, and a failed or
 * refused step does not end the session but becomes the answer the model sees before its next step.
 */
public final class ScriptedPlanner {

    private static final int MAX_RESULT_SHOWN = 160;

    private final ToolCatalog catalog;
    private final PrintStream out;

    public ScriptedPlanner(ToolCatalog catalog, PrintStream out) {
        this.catalog = catalog;
        this.out = out;
    }

    public SessionReport run(String sessionId, List<Step> steps) {
        List<StepResult> results = new ArrayList<>();
        for (Step step : steps) {
            results.add(execute(step));
        }
        return new SessionReport(sessionId, results);
    }

    private StepResult execute(Step step) {
        out.println("CALL " + OneLine.of(step.toString(), MAX_RESULT_SHOWN));
        try {
            String result = String.valueOf(catalog.invoke(step));
            out.println("RESULT " + step.tool() + ": " + OneLine.of(result, MAX_RESULT_SHOWN));
            return new StepResult(step, Outcome.RAN, result);
        } catch (SecurityException refused) {
            out.println("REFUSED " + step.tool() + ": " + refused.getMessage());
            return new StepResult(step, Outcome.REFUSED, refused.getMessage());
        } catch (RuntimeException failed) {
            out.println("FAILED " + step.tool() + ": " + failed);
            return new StepResult(step, Outcome.FAILED, failed.toString());
        }
    }
}
