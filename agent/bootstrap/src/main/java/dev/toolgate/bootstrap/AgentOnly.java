package dev.toolgate.bootstrap;

/**
 * Keeps the bridges' install methods to the agent. They are public because the agent lives in another class
 * loader, so code running inside a tool (a script or eval tool, say) could call them too and swap the gate out.
 * The first class loader to install anything is the agent's: {@code premain} runs before the application's
 * {@code main}, and until it has installed its gate every tool call is refused anyway. From then on only classes
 * of that loader, or the launcher that created it, may install or replace anything.
 */
final class AgentOnly {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String LAUNCHER = "dev.toolgate.launcher.Launcher";
    private static final Object LOCK = new Object();
    private static ClassLoader agentLoader;
    private static boolean claimed;

    private AgentOnly() {}

    /**
     * Throws unless the code that called the bridge method is the agent's.
     *
     * @param what the operation, for the message
     */
    static void check(String what) {
        Class<?> caller = WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> !type.getPackageName().equals(AgentOnly.class.getPackageName()))
                .findFirst()
                .orElse(null));
        if (caller == null) {
            throw refused(what, "an unknown caller");
        }
        if (caller.getName().equals(LAUNCHER)) {
            return;
        }
        ClassLoader loader = caller.getClassLoader();
        synchronized (LOCK) {
            if (!claimed) {
                claimed = true;
                agentLoader = loader;
                return;
            }
            if (loader == agentLoader && loader != null) {
                return;
            }
        }
        ToolgateBridge.countRefusedBridgeCall();
        throw refused(what, caller.getName());
    }

    private static SecurityException refused(String what, String caller) {
        return new SecurityException("Toolgate refused " + what + " from " + caller + ": only the Toolgate agent"
                + " installs or replaces its gate");
    }
}
