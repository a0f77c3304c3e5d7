package dev.toolgate.bootstrap;

/**
 * Holds the caller scope of each thread. Lives on the bootstrap class path so that the application's copy of
 * {@code toolgate-api}, whatever loader it sits in, and the agent see the same state. Threads (virtual ones too)
 * inherit the scope of the thread that started them.
 */
public final class ScopeBridge {

    private static final InheritableThreadLocal<CallerContext> CURRENT = new InheritableThreadLocal<>() {
        @Override
        protected CallerContext initialValue() {
            return CallerContext.EMPTY;
        }
    };

    /** The agent's check on scopes opened while a tool call runs; installed by the agent. */
    public interface Guard {
        /**
         * Called before a scope is opened on this thread.
         *
         * @param requested the fields the new scope sets (null fields inherit)
         * @throws SecurityException when a tool call is running on this thread and the scope would change who
         *                           calls
         */
        void opening(CallerContext requested);
    }

    private static volatile Guard guard;

    private ScopeBridge() {}

    /** Installs the agent's guard. Refused to any caller but the agent. */
    public static void install(Guard installed) {
        AgentOnly.check("installing a scope guard");
        guard = installed;
    }

    /**
     * Opens a scope on the current thread.
     *
     * @return the context to hand back to {@link #close(Object)}
     */
    public static Object open(String agentId, String role, String sessionId) {
        CallerContext outer = CURRENT.get();
        CallerContext requested = new CallerContext(blankToNull(agentId), blankToNull(role), blankToNull(sessionId));
        Guard current = guard;
        if (current != null) {
            current.opening(requested);
        }
        CURRENT.set(requested.within(outer));
        return outer;
    }

    /** Restores the context that {@link #open} returned. */
    public static void close(Object restore) {
        CURRENT.set(restore instanceof CallerContext ? (CallerContext) restore : CallerContext.EMPTY);
    }

    /** The current thread's context; never null. */
    public static CallerContext current() {
        return CURRENT.get();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
