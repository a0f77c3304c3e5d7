package dev.toolgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    @Test
    void noArgumentsPlaysEverySessionInOrder() {
        assertEquals(
                List.of("benign-001", "injected-001", "data-001", "change-001", "mail-001", "runaway-001"),
                sessionIds(List.of()));
    }

    @Test
    void namedSessionsArePlayedAlone() {
        assertEquals(List.of("data-001", "benign-001"), sessionIds(List.of("data", "benign")));
    }

    @Test
    void theRunawaySessionAsksForTheSameQueryOverAndOver() {
        Scenario runaway = Scenarios.runaway();
        assertEquals(Scenarios.RUNAWAY_CALLS, runaway.steps().size());
        assertEquals(1, runaway.steps().stream().distinct().count());
    }

    @Test
    void unknownNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Scenarios.select(List.of("everything")));
    }

    private static List<String> sessionIds(List<String> names) {
        return Scenarios.select(names).stream().map(Scenario::sessionId).toList();
    }
}
