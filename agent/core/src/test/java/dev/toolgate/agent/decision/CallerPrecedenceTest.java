package dev.toolgate.agent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toolgate.bootstrap.CallerContext;
import dev.toolgate.bootstrap.ConversationBridge;
import dev.toolgate.bootstrap.ScopeBridge;
import org.junit.jupiter.api.Test;

/** Who calls, field by field: the API scope, then the framework's conversation, then the configuration. */
class CallerPrecedenceTest {

    private final CallerResolver resolver = new CallerResolver("configured-agent", "configured-role");

    @Test
    void withNeitherScopeNorConversationTheConfigurationDecides() {
        Caller caller = resolver.current();
        assertEquals("configured-agent", caller.agentId());
        assertEquals("configured-role", caller.role());
        assertEquals(resolver.jvmSessionId(), caller.sessionId());
    }

    @Test
    void theConversationComesBeforeTheConfiguration() {
        Object token = ConversationBridge.enter(new CallerContext(null, "infra-agent", "session-001"));
        try {
            Caller caller = resolver.current();
            assertEquals("configured-agent", caller.agentId(), "the conversation named no agent");
            assertEquals("infra-agent", caller.role());
            assertEquals("session-001", caller.sessionId());
        } finally {
            ConversationBridge.exit(token);
        }
        assertEquals("configured-role", resolver.current().role(), "the conversation ends with the framework call");
    }

    @Test
    void theScopeComesBeforeTheConversationFieldByField() {
        Object conversation = ConversationBridge.enter(new CallerContext("framework-agent", "infra-agent", "s-1"));
        Object scope = ScopeBridge.open(null, "scoped-role", null);
        try {
            Caller caller = resolver.current();
            assertEquals("scoped-role", caller.role());
            assertEquals("s-1", caller.sessionId(), "the scope set no session");
            assertEquals("framework-agent", caller.agentId());
        } finally {
            ScopeBridge.close(scope);
            ConversationBridge.exit(conversation);
        }
    }

    @Test
    void conversationsNestAndRestore() {
        Object outer = ConversationBridge.enter(new CallerContext(null, "a", "1"));
        Object inner = ConversationBridge.enter(new CallerContext(null, "b", "2"));
        assertEquals("b", resolver.current().role());
        ConversationBridge.exit(inner);
        assertEquals("a", resolver.current().role());
        ConversationBridge.exit(outer);
        assertEquals(null, ConversationBridge.current());
    }
}
