package dev.toolgate.e2e.apps.bypass;

import dev.toolgate.api.Toolgate;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What a script or eval tool might run to get around the gate, one attempt per call. Each returns what happened
 * in words; none is supposed to succeed. Attempts the gate must count as refused bridge calls are counted here
 * too, so the test can compare.
 */
final class ScriptRunner {

    static final List<String> ATTEMPTS = List.of(
            "install-gate",
            "refuse-all",
            "install-scope-guard",
            "install-conversation-interpreter",
            "install-usage-handler",
            "scope-api",
            "scope-bridge",
            "conversation",
            "forged-enter",
            "forged-dispatch",
            "forged-exit",
            "scope-on-new-thread");
    static final AtomicInteger COUNTABLE = new AtomicInteger();
    static final String ADMIN = "admin";

    private static final int GUESSED_TOOL_IDS = 16;
    private static final int GUESSED_SITES = 4;

    private final OpsTools tools;
    private final SecureRandom random = new SecureRandom();

    ScriptRunner(OpsTools tools) {
        this.tools = tools;
    }

    String run(String attempt) {
        return switch (attempt) {
            case "install-gate" ->
                counted(() -> Bridges.call(
                                "ToolgateBridge", "install", types("CallGate"), Bridges.permissive("CallGate", ADMIN)))
                        + nestedDelete(attempt);
            case "refuse-all" ->
                counted(() -> Bridges.call("ToolgateBridge", "refuseAll", new Class<?>[] {String.class}, "x"));
            case "install-scope-guard" ->
                counted(() -> Bridges.call(
                        "ScopeBridge",
                        "install",
                        types("ScopeBridge$Guard"),
                        Bridges.permissive("ScopeBridge$Guard", ADMIN)));
            case "install-conversation-interpreter" ->
                counted(() -> Bridges.call(
                        "ConversationBridge",
                        "install",
                        types("ConversationBridge$Interpreter"),
                        Bridges.permissive("ConversationBridge$Interpreter", ADMIN)));
            case "install-usage-handler" ->
                counted(() -> Bridges.call(
                        "UsageBridge",
                        "install",
                        types("UsageBridge$Handler"),
                        Bridges.permissive("UsageBridge$Handler", ADMIN)));
            // Left open on purpose: the script never closes what it opened.
            case "scope-api" -> counted(() -> Toolgate.scope().role(ADMIN).open());
            case "scope-bridge" ->
                counted(() -> Bridges.call(
                        "ScopeBridge",
                        "open",
                        new Class<?>[] {String.class, String.class, String.class},
                        null,
                        ADMIN,
                        null));
            case "conversation" ->
                outcome(() -> Bridges.call(
                                "ConversationBridge", "enter", types("CallerContext"), Bridges.callerContext(ADMIN)))
                        + nestedDelete(attempt);
            case "forged-enter" -> forgedEnters();
            case "forged-dispatch" -> forgedDispatches();
            case "forged-exit" ->
                counted(() -> Bridges.call(
                                "ToolgateBridge",
                                "exit",
                                new Class<?>[] {Object.class, Object.class, Throwable.class},
                                new Object(),
                                "forged",
                                null))
                        + "; result "
                        + outcome(() -> Bridges.call(
                                "ToolgateBridge",
                                "result",
                                new Class<?>[] {Object.class, Object.class},
                                new Object(),
                                "forged"));
            case "scope-on-new-thread" ->
                onNewThread(() -> outcome(() -> Toolgate.scope().role(ADMIN).open()) + "; delete "
                        + outcome(() -> tools.kubectlDelete("prod", "from-new-thread")));
            default -> throw new IllegalArgumentException(attempt);
        };
    }

    /** A tool call made from inside the script, after the attempt: made as the script's caller, or refused. */
    private String nestedDelete(String attempt) {
        return "; nested delete " + outcome(() -> tools.kubectlDelete("prod", "inside-" + attempt));
    }

    /** Runs {@code work} on a thread the script starts, where no tool call is running, and waits for it. */
    private static String onNewThread(Supplier<String> work) {
        String[] outcome = new String[1];
        Thread thread = new Thread(() -> outcome[0] = work.get());
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return "on a new thread: " + outcome[0];
    }

    private String forgedEnters() {
        StringBuilder outcomes = new StringBuilder();
        for (int id = 0; id < GUESSED_TOOL_IDS; id++) {
            int toolId = id;
            outcomes.append(counted(() -> Bridges.call(
                            "ToolgateBridge",
                            "enter",
                            new Class<?>[] {int.class, long.class, Object[].class},
                            toolId,
                            random.nextLong(),
                            new Object[] {"prod", "forged"})))
                    .append(id + 1 < GUESSED_TOOL_IDS ? " | " : "");
        }
        return outcomes.toString();
    }

    private String forgedDispatches() {
        StringBuilder outcomes = new StringBuilder();
        for (int site = 0; site < GUESSED_SITES; site++) {
            int siteId = site;
            outcomes.append(counted(() -> Bridges.call(
                            "ToolgateBridge",
                            "dispatch",
                            new Class<?>[] {int.class, long.class, Object.class, Object[].class},
                            siteId,
                            random.nextLong(),
                            this,
                            new Object[] {"{\"namespace\":\"prod\",\"name\":\"forged\"}"})))
                    .append(site + 1 < GUESSED_SITES ? " | " : "");
        }
        return outcomes.toString();
    }

    private static Class<?>[] types(String... bridgeTypes) {
        Class<?>[] types = new Class<?>[bridgeTypes.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = Bridges.type(bridgeTypes[i]);
        }
        return types;
    }

    private static String counted(Attempt attempt) {
        COUNTABLE.incrementAndGet();
        return outcome(attempt);
    }

    private static String outcome(Attempt attempt) {
        try {
            return "returned " + attempt.run();
        } catch (RuntimeException thrown) {
            return "threw " + thrown.getClass().getSimpleName() + ": " + thrown.getMessage();
        }
    }

    private interface Attempt {
        Object run();
    }
}
