package dev.toolgate.agent.decision;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what each step of {@link CallPipeline#explain} concluded about one call. Made only when someone asks
 * for an explanation ({@code policy explain}, {@code policy test}, a policy's examples): the gate's own calls
 * never build one, so tracing costs the hot path nothing.
 */
public final class CallTrace {

    private final List<TraceStep> steps = new ArrayList<>();

    public void add(String step, String verdict, String detail, String rule) {
        steps.add(new TraceStep(step, verdict, detail, rule));
    }

    /** The steps so far, in the order they ran. */
    public List<TraceStep> steps() {
        return List.copyOf(steps);
    }
}
