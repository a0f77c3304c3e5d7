package dev.toolgate.sample.planner;

import java.util.List;

/** What happened to every step of one session, in order. */
public record SessionReport(String sessionId, List<StepResult> results) {

    public SessionReport {
        results = List.copyOf(results);
    }

    public long count(Outcome outcome) {
        return results.stream().filter(result -> result.outcome() == outcome).count();
    }

    /** The outcome of the first step calling {@code tool}. */
    public Outcome outcomeOf(String tool) {
        return results.stream()
                .filter(result -> result.step().tool().equals(tool))
                .map(StepResult::outcome)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("session " + sessionId + " never called " + tool));
    }
}
