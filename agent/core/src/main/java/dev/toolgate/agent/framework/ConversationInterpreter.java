package dev.toolgate.agent.framework;

import dev.toolgate.bootstrap.CallerContext;
import dev.toolgate.bootstrap.ConversationBridge;

/**
 * Finds, among a framework method's arguments, the object that carries its conversation and turns its id into a
 * caller with the policy's patterns.
 */
final class ConversationInterpreter implements ConversationBridge.Interpreter {

    private final ConversationIds ids;
    private final ConversationPatterns patterns;

    ConversationInterpreter(ConversationIds ids, ConversationPatterns patterns) {
        this.ids = ids;
        this.patterns = patterns;
    }

    @Override
    public CallerContext interpret(Object[] arguments) {
        for (Object argument : arguments) {
            if (ConversationIds.carriesConversation(argument)) {
                return patterns.callerFor(ids.of(argument));
            }
        }
        return null;
    }
}
