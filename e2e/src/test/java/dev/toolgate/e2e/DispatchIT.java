package dev.toolgate.e2e;

import static dev.toolgate.e2e.DispatchAssertions.DELETE_REFUSAL;
import static dev.toolgate.e2e.DispatchAssertions.SHELL_REFUSAL;
import static dev.toolgate.e2e.DispatchAssertions.assertDenied;
import static dev.toolgate.e2e.DispatchAssertions.assertDeniedByRule;
import static dev.toolgate.e2e.DispatchAssertions.assertStandardConversation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.dispatch.BadInput;
import dev.toolgate.e2e.apps.dispatch.DispatchOutput;
import dev.toolgate.e2e.apps.dispatch.DispatchScenario;
import dev.toolgate.e2e.apps.dispatch.Lc4jDispatchApp;
import dev.toolgate.e2e.apps.dispatch.ReadOnlyCache;
import dev.toolgate.e2e.apps.dispatch.SpringDispatchApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tools the gate sees only at the frameworks' dispatch points (LangChain4j executors and providers, Spring AI
 * callbacks), annotated tools through the same points, and bad input from the model, with real LangChain4j and
 * Spring AI driven by scripted models. One JVM per framework and JDK plays every scenario; the tests read its
 * output and audit file by scenario.
 */
class DispatchIT {

    private static final Map<String, JvmRun> RUNS = new ConcurrentHashMap<>();

    private static JvmRun run(Jdks.Jdk jdk, Class<?> app) {
        return RUNS.computeIfAbsent(app.getSimpleName() + "@" + jdk.feature(), key -> fork(jdk, app));
    }

    private static JvmRun fork(Jdks.Jdk jdk, Class<?> app) {
        try {
            Path dir = ForkedJvm.freshWorkDir("dispatch-" + app.getSimpleName());
            Path policy = Policies.write(dir, "policy.yaml", DispatchScenario.POLICY);
            return ForkedJvm.on(jdk)
                    .workDir(dir)
                    .withTestClassPath()
                    .timeoutSeconds(60)
                    .agent("policy=" + policy + ",role=" + DispatchScenario.ROLE)
                    .main(app.getName())
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void langChain4jExecutorsAreGatedWhereverTheToolsCameFrom(Jdks.Jdk jdk) throws Exception {
        JvmRun run = run(jdk, Lc4jDispatchApp.class);
        DispatchAssertions.assertFinishedCleanly(jdk, run);
        for (String scenario : List.of("lc4j-lambda", "lc4j-executor-class", "lc4j-provider")) {
            assertStandardConversation(run, scenario);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void langChain4jAnnotatedToolsAreDecidedOncePerCall(Jdks.Jdk jdk) {
        assertStandardConversation(run(jdk, Lc4jDispatchApp.class), "lc4j-annotated");
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void anExecutorCalledByTheApplicationRefusesItself(Jdks.Jdk jdk) {
        JvmRun run = run(jdk, Lc4jDispatchApp.class);
        String scenario = "lc4j-direct";
        DispatchOutput out = new DispatchOutput(run.stdout());
        SessionAudit audit = new SessionAudit(run, scenario);
        String log = run.describe() + "\n" + audit;

        assertEquals(Optional.of("RAN ok from kubectl_get"), out.direct(scenario, "get"), log);
        String refused = "REFUSED ToolCallDeniedException: ";
        assertTrue(out.direct(scenario, "delete").orElse("").startsWith(refused + DELETE_REFUSAL), log);
        assertTrue(out.direct(scenario, "delete-with-context").orElse("").startsWith(refused + DELETE_REFUSAL), log);
        assertTrue(out.direct(scenario, "shell").orElse("").startsWith(refused + SHELL_REFUSAL), log);
        assertTrue(
                out.direct(scenario, "empty-name")
                        .orElse("")
                        .startsWith(refused
                                + "Toolgate denied tool '(unnamed)' for role 'ops': the tool call names no tool"),
                log);
        assertTrue(
                out.direct(scenario, "long-name").orElse("").contains("the tool name is 100000 characters long"), log);
        assertTrue(out.direct(scenario, "not-json").orElse("").contains("the arguments are not valid JSON"), log);
        assertEquals(
                List.of(DispatchScenario.GET + " {\"namespace\":\"prod\",\"name\":\"web\"}"),
                out.bodies(scenario),
                "only the allowed call ran\n" + log);

        assertEquals(7, audit.decisions().size(), log);
        assertEquals(
                2,
                audit.decisions(DispatchScenario.DELETE).stream()
                        .filter(line -> "deny".equals(line.decision()))
                        .count(),
                log);
        assertDeniedByRule(
                audit.decision(DispatchScenario.SHELL, "command", DispatchScenario.DOWNLOAD_AND_RUN),
                "shell.piped-code",
                "tools.shell_exec.params.command",
                "refused by shell-command",
                log);
        assertDenied(audit.decisions("(unnamed)").get(0), "dispatch.request", "names no tool", log);
        assertDenied(audit.decisions("t".repeat(64) + "…").get(0), "dispatch.request", "100000 characters", log);
        assertEquals(1, audit.results().size(), log);
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void aLambdaExecutorCalledByTheApplicationIsGatedOnlyThroughItsContextMethod(Jdks.Jdk jdk) {
        JvmRun run = run(jdk, Lc4jDispatchApp.class);
        String scenario = "lc4j-direct-lambda";
        DispatchOutput out = new DispatchOutput(run.stdout());
        SessionAudit audit = new SessionAudit(run, scenario);
        String log = run.describe() + "\n" + audit;

        String refused = "REFUSED ToolCallDeniedException: " + DELETE_REFUSAL;
        assertTrue(out.direct(scenario, "delete-with-context").orElse("").startsWith(refused), log);
        // The README's documented limit: a lambda class cannot be woven, so its execute(), called by the
        // application itself rather than by an AI service, runs ungated. If this starts failing, the gate has
        // learnt to reach lambdas: update the README.
        assertTrue(out.direct(scenario, "delete").orElse("").startsWith("RAN"), log);
        assertEquals(1, audit.decisions(DispatchScenario.DELETE).size(), log);
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void badInputFromTheModelIsRefusedBeforeLangChain4jReadsIt(Jdks.Jdk jdk) {
        JvmRun run = run(jdk, Lc4jDispatchApp.class);
        String scenario = "lc4j-bad-input";
        assertBadArgumentsRefused(run, scenario);
        assertBadNamesRefused(run, scenario);
        DispatchOutput out = new DispatchOutput(run.stdout());
        // LangChain4j never dispatches a name it has no executor for: its hallucination strategy answers.
        assertEquals(
                Optional.of("no tool named '" + BadInput.UNKNOWN_NAME + "'"),
                out.modelSaw(scenario, "unknown-name"),
                run.describe());
        assertEquals(
                0,
                new SessionAudit(run, scenario).decisions(BadInput.UNKNOWN_NAME).size());
        assertEquals(Optional.of(DispatchScenario.FINAL_ANSWER), out.answer(scenario), run.describe());
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void anExecutorInheritsNothingFromAnAnnotatedToolOfTheSameName(Jdks.Jdk jdk) {
        JvmRun run = run(jdk, Lc4jDispatchApp.class);
        String scenario = "lc4j-name-clash";
        DispatchOutput out = new DispatchOutput(run.stdout());
        SessionAudit audit = new SessionAudit(run, scenario);
        String log = run.describe() + "\n" + audit;

        AuditLine undeclared = audit.decisions("flush_cache").get(0);
        assertEquals(
                "external", undeclared.text("risk_level"), "a tool nobody classified is of the highest risk\n" + log);
        assertEquals("deny", undeclared.decision(), "it needs a person, and no channel is configured\n" + log);
        AuditLine clashing = audit.decisions(ReadOnlyCache.TOOL).get(0);
        assertTrue(
                clashing.text("method").startsWith("dev.toolgate.e2e.apps.dispatch.Lc4jTools$BodyExecutor#"),
                "the executor ran, not the annotated method of the same name\n" + log);
        assertEquals("external", clashing.text("risk_level"), "the executor is not the annotated READ method\n" + log);
        assertEquals("deny", clashing.decision(), log);
        assertFalse(out.bodies(scenario).stream().anyMatch(body -> body.startsWith(ReadOnlyCache.TOOL)), log);
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void theAuditNamesTheCodeThatRan(Jdks.Jdk jdk) {
        JvmRun lc4j = run(jdk, Lc4jDispatchApp.class);
        for (AuditLine decision : new SessionAudit(lc4j, "lc4j-direct").decisions()) {
            assertEquals(
                    "dev.toolgate.e2e.apps.dispatch.Lc4jTools$BodyExecutor#execute",
                    decision.text("method"),
                    "a call of an executor is audited as that executor: " + decision);
        }
        JvmRun spring = run(jdk, SpringDispatchApp.class);
        for (AuditLine decision : new SessionAudit(spring, "spring-annotated").decisions()) {
            assertTrue(
                    decision.text("method").startsWith("dev.toolgate.e2e.apps.dispatch.SpringAnnotatedTools#"),
                    "a method callback over an annotated method is audited as that method: " + decision);
        }
        for (AuditLine decision : new SessionAudit(spring, "spring-method").decisions()) {
            assertFalse(
                    decision.text("method").startsWith("dev.toolgate.e2e.apps.dispatch.SpringAnnotatedTools#"),
                    "a method callback over a plain method is not the annotated namesake: " + decision);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void springAiCallbacksAreGatedHoweverTheyWereMade(Jdks.Jdk jdk) throws Exception {
        JvmRun run = run(jdk, SpringDispatchApp.class);
        DispatchAssertions.assertFinishedCleanly(jdk, run);
        for (String scenario : List.of("spring-function", "spring-method", "spring-class", "spring-anonymous")) {
            assertStandardConversation(run, scenario);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void springAiAnnotatedToolsAreDecidedOncePerCall(Jdks.Jdk jdk) {
        assertStandardConversation(run(jdk, SpringDispatchApp.class), "spring-annotated");
    }

    @ParameterizedTest
    @MethodSource("dev.toolgate.e2e.Jdks#all")
    void badInputFromTheModelIsRefusedBeforeSpringAiReadsIt(Jdks.Jdk jdk) {
        JvmRun run = run(jdk, SpringDispatchApp.class);
        assertBadArgumentsRefused(run, "spring-bad-input");
        assertBadNamesRefused(run, "spring-bad-names");
        DispatchOutput out = new DispatchOutput(run.stdout());
        assertEquals(Optional.of(DispatchScenario.FINAL_ANSWER), out.answer("spring-bad-input"), run.describe());
        assertEquals(Optional.of(DispatchScenario.FINAL_ANSWER), out.answer("spring-bad-names"), run.describe());
        // Spring AI ends the chat call on a name it has no callback for, before any callback (or the gate) is asked.
        assertEquals(
                Optional.of("java.lang.IllegalStateException: No ToolCallback found for tool name: "
                        + BadInput.UNKNOWN_NAME),
                out.chatFailure("spring-unknown-name"),
                run.describe());
        assertEquals(List.of(), out.bodies("spring-unknown-name"), run.describe());
        assertEquals(0, new SessionAudit(run, "spring-unknown-name").decisions().size(), run.describe());
    }

    /** Each bad argument text reached the gate, was refused naming what was wrong, and the body never ran. */
    private static void assertBadArgumentsRefused(JvmRun run, String scenario) {
        DispatchOutput out = new DispatchOutput(run.stdout());
        SessionAudit audit = new SessionAudit(run, scenario);
        String log = run.describe() + "\n" + audit;
        String refused = "Toolgate denied tool 'echo' for role 'ops': the arguments of tool 'echo' could not be read: ";
        Map<String, String> why = Map.of(
                "not-json", "the arguments are not valid JSON (Unrecognized token 'this'",
                "array", "the arguments are not a JSON object",
                "string", "the arguments are not a JSON object",
                "duplicate-keys", "the arguments are not valid JSON (Duplicate field 'a')",
                "deep", "the arguments exceed a bound (nesting deeper than 64 levels",
                "huge", "the arguments are " + (BadInput.HUGE_CHARS + 11) + " characters long; at most 1048576");
        for (Map.Entry<String, String> bad : why.entrySet()) {
            assertTrue(
                    out.modelSaw(scenario, bad.getKey()).orElse("").startsWith(refused + bad.getValue()),
                    bad.getKey() + ": the model is told what was wrong\n" + log);
        }
        assertEquals(
                List.of(DispatchScenario.ECHO + " {\"text\":\"still here\"}"),
                out.bodies(scenario),
                "only the well-formed call ran\n" + log);
        List<AuditLine> denials = audit.decisions(DispatchScenario.ECHO).stream()
                .filter(line -> "deny".equals(line.decision()))
                .toList();
        assertEquals(why.size(), denials.size(), log);
        for (AuditLine denial : denials) {
            assertDenied(denial, "dispatch.request", "could not be read", log);
        }
        assertEquals(1, audit.results(DispatchScenario.ECHO).size(), log);
        assertTrue(audit.span().compareTo(Duration.ofSeconds(15)) < 0, "decided in bounded time: " + audit.span());
    }

    /** A call naming no tool, or a name of 100,000 characters, is refused and audited under a bounded name. */
    private static void assertBadNamesRefused(JvmRun run, String scenario) {
        DispatchOutput out = new DispatchOutput(run.stdout());
        SessionAudit audit = new SessionAudit(run, scenario);
        String log = run.describe() + "\n" + audit;
        assertEquals(
                Optional.of("Toolgate denied tool '(unnamed)' for role 'ops': the tool call names no tool"),
                out.modelSaw(scenario, "empty-name"),
                log);
        assertTrue(
                out.modelSaw(scenario, "long-name")
                        .orElse("")
                        .startsWith("Toolgate denied tool '" + "t".repeat(64)
                                + "…' for role 'ops': the tool name is 100000 characters long"),
                log);
        assertDenied(audit.decisions("(unnamed)").get(0), "dispatch.request", "names no tool", log);
        AuditLine longName = audit.decisions("t".repeat(64) + "…").get(0);
        assertDenied(longName, "dispatch.request", "tool names of more than 256 characters are refused", log);
        assertTrue(out.bodies(scenario).stream().allMatch(body -> body.startsWith(DispatchScenario.ECHO + " ")), log);
    }
}
