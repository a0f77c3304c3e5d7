package dev.toolgate.sample.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedPlannerTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ToolCatalog catalog = new ToolCatalog()
            .bind("guarded", step -> {
                throw new SecurityException("not for you");
            })
            .bind("echo", step -> step.argument("text"));
    private final ScriptedPlanner planner =
            new ScriptedPlanner(catalog, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    @Test
    void refusalIsReportedAndTheSessionGoesOn() {
        SessionReport report = planner.run("s", List.of(Step.of("guarded"), Step.of("echo", "text", "hello")));

        assertEquals(Outcome.REFUSED, report.outcomeOf("guarded"));
        assertEquals("not for you", report.results().get(0).text());
        assertEquals(Outcome.RAN, report.outcomeOf("echo"));
        assertEquals("hello", report.results().get(1).text());
        assertTrue(output().contains("REFUSED guarded: not for you\n"), output());
    }

    @Test
    void malformedCallsFailWithoutEndingTheSession() {
        SessionReport report =
                planner.run("s", List.of(Step.of("nope"), Step.of("echo"), Step.of("echo", "text", "x")));

        assertEquals(2, report.count(Outcome.FAILED));
        assertEquals(1, report.count(Outcome.RAN));
        assertTrue(output().contains("FAILED nope: "), output());
        assertTrue(output().contains("FAILED echo: "), output());
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
