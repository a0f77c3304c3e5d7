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

    private ScopeBridge() {
    }

    /**
     * Opens a scope on the current thread.
     *
     * @return the context to hand back to {@link #close(Object)}
     */
    public static Object open(String agentId, String role, String sessionId) {
        CallerContext outer = CURRENT.get();
        CURRENT.set(new CallerContext(blankToNull(agentId), blankToNull(role), blankToNull(sessionId)).within(outer));
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
