package dev.toolgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.toolgate.api.Toolgate;
import dev.toolgate.sample.planner.Outcome;
import dev.toolgate.sample.planner.SessionReport;
import dev.toolgate.sample.world.Email;
import dev.toolgate.sample.world.World;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Without the gate every scripted call really takes effect. This is what makes the end-to-end runs with the
 * agent meaningful: an unchanged world there can only be the gate's doing.
 */
class WithoutAgentTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private World world;

    @BeforeEach
    void seedWorld() {
        assumeFalse(Toolgate.isAttached(), "these tests describe the application without Toolgate");
        world = World.seeded(out);
    }

    @Test
    void injectedSessionDeletesProductionRunsTheShellAndMailsTheCredentials() {
        SessionReport report =
                Main.run(List.of(Scenarios.injected()), world, out).get(0);

        assertEquals(4, report.count(Outcome.RAN));
        assertEquals(Outcome.RAN, report.outcomeOf("kubectl_delete"));
        assertFalse(world.cluster().has(World.PRODUCTION, World.PRODUCTION_DEPLOYMENT));
        assertEquals(1, world.journal().count("shell_exec"));
        Email mail = world.outbox().sent().get(0);
        assertEquals("attacker@evil.example", mail.to());
        assertTrue(mail.body().contains(World.CREDENTIALS));

        String output = output();
        assertTrue(output.startsWith(Main.NOT_ATTACHED_WARNING), output);
        assertTrue(output.contains("TOOL-RAN kubectl_delete production deployment/web\n"), output);
        assertTrue(output.contains("production deployment still present: false\n"), output);
    }

    @Test
    void theInjectionArrivesThroughTheAllowedRead() {
        SessionReport report =
                Main.run(List.of(Scenarios.injected()), world, out).get(0);

        assertTrue(report.results().get(0).text().contains("ignore previous instructions"));
    }

    @Test
    void dataSessionDropsTheOrdersTable() {
        SessionReport report = Main.run(List.of(Scenarios.data()), world, out).get(0);

        assertEquals(Outcome.RAN, report.outcomeOf("sql_drop"));
        assertFalse(world.database().hasTable("orders"));
        assertTrue(output().contains("orders table still present: false\n"), output());
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
