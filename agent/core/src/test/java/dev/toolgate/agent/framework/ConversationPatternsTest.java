package dev.toolgate.agent.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.toolgate.bootstrap.CallerContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationPatternsTest {

    private final ConversationPatterns patterns = new ConversationPatterns(
            List.of("(?<agent>[a-z-]+)/(?<role>[a-z_-]+)/(?<session>.+)", "(?<role>[a-z_-]+):(?<session>.+)"));

    @Test
    void theFirstMatchingPatternGivesRoleAndSession() {
        CallerContext caller = patterns.callerFor("infra-agent:session-001");
        assertEquals("infra-agent", caller.role());
        assertEquals("session-001", caller.sessionId());
        assertNull(caller.agentId(), "a group the pattern lacks is left to the next source");

        CallerContext withAgent = patterns.callerFor("billing/data_agent/42");
        assertEquals("billing", withAgent.agentId());
        assertEquals("data_agent", withAgent.role());
        assertEquals("42", withAgent.sessionId());
    }

    @Test
    void anIdNoPatternMatchesIsTheSessionAlone() {
        CallerContext caller = patterns.callerFor("Conversation 7");
        assertNull(caller.role());
        assertEquals("Conversation 7", caller.sessionId());
        assertEquals(
                "default",
                new ConversationPatterns(List.of()).callerFor("default").sessionId());
    }

    @Test
    void hugeIdsAreSessionsWithoutMatchingAndEmptyIdsAreNothing() {
        String huge = "infra-agent:" + "x".repeat(ConversationPatterns.MAX_MATCHED_CHARS);
        CallerContext caller = patterns.callerFor(huge);
        assertNull(caller.role(), "a role is never taken from an id too long to match");
        assertEquals(huge, caller.sessionId());
        assertNull(patterns.callerFor(""));
        assertNull(patterns.callerFor(null));
    }
}
