package dev.toolgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ToolgateWithoutAgentTest {

    @Test
    void withoutTheAgentScopesAreHarmlessAndCodeRuns() throws Exception {
        assertFalse(Toolgate.isAttached());
        AtomicInteger ran = new AtomicInteger();
        Toolgate.runAs("data_agent", "s-1", ran::incrementAndGet);
        assertEquals("done", Toolgate.callAs("data_agent", "s-1", () -> "done"));
        try (ToolgateScope scope =
                Toolgate.scope().agent("a").role("r").session("s").open()) {
            ran.incrementAndGet();
            scope.close();
        }
        assertEquals(2, ran.get());
    }

    @Test
    void withoutTheAgentTokenReportsAreNoOpsButNegativeCountsAreStillWrong() {
        Toolgate.reportTokens(0);
        Toolgate.reportTokens(1_000);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> Toolgate.reportTokens(-1));
        assertEquals("tokens must not be negative: -1", wrong.getMessage());
    }

    @Test
    void unclassifiedToolsCountAsTheHighestRisk() throws Exception {
        assertEquals(Risk.EXTERNAL, Risk.highest());
        assertEquals(Risk.highest(), AgentTool.class.getMethod("risk").getDefaultValue());
    }
}
