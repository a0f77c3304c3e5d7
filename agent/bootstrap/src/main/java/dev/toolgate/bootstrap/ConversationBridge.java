package dev.toolgate.bootstrap;

/**
 * Hands the caller named by an agent framework's conversation (LangChain4j's chat memory id, Spring AI's
 * ToolContext) from the framework's code to the gate. Woven advice calls {@link #enter} with the arguments of the
 * framework method that runs a conversation step and {@link #exit} when it returns; the agent's
 * {@link Interpreter} turns the framework object into a {@link CallerContext}, which holds on this thread until
 * then. A plain, not inheritable, thread-local: pool threads must not keep a conversation they once served.
 */
public final class ConversationBridge {

    /** Reads a framework's conversation out of a method's arguments; the agent installs one. */
    public interface Interpreter {
        /** The caller the arguments name, or null when they name none. */
        CallerContext interpret(Object[] arguments);
    }

    private static final Object NOT_ENTERED = new Object();
    private static final Object NONE_BEFORE = new Object();
    private static final ThreadLocal<CallerContext> CURRENT = new ThreadLocal<>();
    private static volatile Interpreter interpreter;

    private ConversationBridge() {}

    /** Installs the agent's interpreter. Refused to any caller but the agent. */
    public static void install(Interpreter installed) {
        AgentOnly.check("installing a conversation interpreter");
        interpreter = installed;
    }

    /** Called on entry to a framework method: holds the conversation its arguments name, if any. */
    public static Object enter(Object[] arguments) {
        Interpreter current = interpreter;
        if (current == null || arguments == null) {
            return NOT_ENTERED;
        }
        CallerContext caller;
        try {
            caller = current.interpret(arguments);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // The framework call must go on; the caller falls back to the scope or the configuration.
            ToolgateBridge.countSuppressedError();
            return NOT_ENTERED;
        }
        return enter(caller);
    }

    /** Holds {@code caller} on this thread until {@link #exit} with the returned token. */
    public static Object enter(CallerContext caller) {
        if (caller == null) {
            return NOT_ENTERED;
        }
        CallerContext before = CURRENT.get();
        CURRENT.set(caller);
        return before == null ? NONE_BEFORE : before;
    }

    /** Called when the framework method returns or throws: restores what held before. */
    public static void exit(Object token) {
        if (token == NOT_ENTERED || token == null) {
            return;
        }
        if (token == NONE_BEFORE) {
            CURRENT.remove();
        } else {
            CURRENT.set((CallerContext) token);
        }
    }

    /** Puts back what {@link #current} returned earlier (null: no conversation). */
    public static void restore(CallerContext saved) {
        if (saved == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(saved);
        }
    }

    /** The conversation's caller on this thread, or null outside any framework conversation. */
    public static CallerContext current() {
        return CURRENT.get();
    }
}
