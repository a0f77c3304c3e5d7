package dev.toolgate.agent.approval;

import static dev.toolgate.agent.approval.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Approval;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.policy.GrantScope;
import dev.toolgate.agent.policy.RiskLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalStageTest {

    @TempDir
    Path dir;

    private static final List<String> PARAMS = List.of("name");

    /** A channel whose answers the test gives by hand. */
    private static final class HandChannel implements ApprovalChannel {
        final Map<String, CompletableFuture<ApprovalVerdict>> open = new ConcurrentHashMap<>();
        final List<ApprovalRequest> asked = new CopyOnWriteArrayList<>();
        final List<String> withdrawn = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "hand";
        }

        @Override
        public CompletableFuture<ApprovalVerdict> submit(ApprovalRequest request) {
            asked.add(request);
            return open.computeIfAbsent(request.id(), id -> new CompletableFuture<>());
        }

        @Override
        public void withdraw(ApprovalRequest request) {
            withdrawn.add(request.id());
        }

        void answerAll(ApprovalVerdict verdict) {
            open.values().forEach(future -> future.complete(verdict));
        }
    }

    private static final class RecordingLog implements AuditLog {
        final List<AuditEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public boolean append(AuditEvent event) {
            return events.add(event);
        }

        @Override
        public long written() {
            return events.size();
        }

        @Override
        public void close() {}
    }

    private final HandChannel channel = new HandChannel();
    private final RecordingLog audit = new RecordingLog();

    private ApprovalStage stage(Mode mode, String timeout) throws Exception {
        return new ApprovalStage(
                new ApprovalRules(Calls.policy(dir, """
                roles:
                  ops:
                    allowed_tools: ["*"]
                    approval:
                      rules:
                        - tools: [wipe]
                          action: approve
                          max_grant: session
                """), Duration.parse(timeout)),
                channel,
                new GrantStore(),
                audit,
                mode);
    }

    private static Decision delete() {
        return Calls.allowed(RiskLevel.DELETE);
    }

    @Test
    void anApprovalAllowsTheCallAndRecordsWhoAndWhich() throws Exception {
        ApprovalStage stage = stage(Mode.ENFORCE, "PT10S");
        CompletableFuture<Decision> decision =
                CompletableFuture.supplyAsync(() -> stage.apply(call("ops", "s1", "wipe", PARAMS, "db"), delete()));
        awaitAsked(1);
        channel.answerAll(ApprovalVerdict.approved("alice", "change ticket 42", null));
        Decision result = decision.get(5, TimeUnit.SECONDS);
        assertTrue(result.allowed(), result.reason());
        assertEquals(Approval.APPROVED, result.approvalStatus());
        assertEquals("alice", result.approver());
        assertEquals(channel.asked.get(0).id(), result.approval().id());
        assertTrue(result.reason().contains("approved by alice: change ticket 42"), result.reason());
        AuditEvent requested = audit.events.get(0);
        assertEquals(EventType.APPROVAL_REQUESTED, requested.type());
        assertEquals(channel.asked.get(0).id(), requested.decision().approval().id());
    }

    @Test
    void noAnswerInTimeDeniesAsTimedOut() throws Exception {
        ApprovalStage stage = stage(Mode.ENFORCE, "PT0.2S");
        long start = System.nanoTime();
        Decision result = stage.apply(call("ops", "s1", "wipe", PARAMS, "db"), delete());
        assertFalse(result.allowed());
        assertEquals(Approval.TIMED_OUT, result.approvalStatus());
        assertTrue(result.reason().contains("no answer within 200 ms"), result.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
        assertEquals(List.of(channel.asked.get(0).id()), channel.withdrawn);
    }

    @Test
    void aDenialRefusesWithTheApproversReason() throws Exception {
        ApprovalStage stage = stage(Mode.ENFORCE, "PT10S");
        CompletableFuture<Decision> decision =
                CompletableFuture.supplyAsync(() -> stage.apply(call("ops", "s1", "wipe", PARAMS, "db"), delete()));
        awaitAsked(1);
        channel.answerAll(ApprovalVerdict.denied("bob", "not on a Friday"));
        Decision result = decision.get(5, TimeUnit.SECONDS);
        assertFalse(result.allowed());
        assertEquals(Approval.DENIED, result.approvalStatus());
        assertTrue(result.reason().endsWith("denied by bob: not on a Friday"), result.reason());
    }

    @Test
    void anInterruptedWaitDeniesAndKeepsTheInterrupt() throws Exception {
        ApprovalStage stage = stage(Mode.ENFORCE, "PT30S");
        CompletableFuture<Decision> result = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            result.complete(stage.apply(call("ops", "s1", "wipe", PARAMS, "db"), delete()));
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        caller.start();
        awaitAsked(1);
        caller.interrupt();
        Decision decision = result.get(5, TimeUnit.SECONDS);
        assertFalse(decision.allowed());
        assertTrue(decision.reason().contains("interrupted"), decision.reason());
        assertTrue(stillInterrupted.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aSessionGrantCoversIdenticalCallsInThatSessionOnly() throws Exception {
        ApprovalStage stage = stage(Mode.ENFORCE, "PT0.3S");
        CompletableFuture<Decision> first =
                CompletableFuture.supplyAsync(() -> stage.apply(call("ops", "s1", "wipe", PARAMS, "db"), delete()));
        awaitAsked(1);
        channel.answerAll(ApprovalVerdict.approved("alice", null, GrantScope.ALWAYS));
        assertTrue(first.get(5, TimeUnit.SECONDS).reason().contains("identical calls approved for the session"));

        Decision again = stage.apply(call("ops", "s1", "wipe", PARAMS, "db"), delete());
        assertTrue(again.allowed(), again.reason());
        assertEquals(1, channel.asked.size(), "the grant should have answered without asking");

        assertFalse(
                stage.apply(call("ops", "s1", "wipe", PARAMS, "other-db"), delete())
                        .allowed(),
                "other arguments need their own approval");
        assertFalse(
                stage.apply(call("ops", "s2", "wipe", PARAMS, "db"), delete()).allowed(),
                "another session needs its own approval");
        assertEquals(3, channel.asked.size());
    }

    @Test
    void monitorModeAsksNobodyAndSaysWhatWouldHaveBeenNeeded() throws Exception {
        Decision result = stage(Mode.MONITOR, "PT10S").apply(call("ops", "s1", "wipe", PARAMS, "db"), delete());
        assertTrue(result.allowed());
        assertEquals(Approval.MONITOR_SKIPPED, result.approvalStatus());
        assertTrue(channel.asked.isEmpty());
    }

    @Test
    void manyCallsWaitAtOnceAndEachGetsItsOwnAnswer() throws Exception {
        ApprovalStage stage = stage(Mode.ENFORCE, "PT20S");
        int waiting = 32;
        List<CompletableFuture<Decision>> decisions = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(waiting);
        for (int i = 0; i < waiting; i++) {
            String name = "db-" + i;
            CompletableFuture<Decision> decision = new CompletableFuture<>();
            decisions.add(decision);
            new Thread(() -> {
                        started.countDown();
                        decision.complete(stage.apply(call("ops", "s1", "wipe", PARAMS, name), delete()));
                    })
                    .start();
        }
        started.await();
        awaitAsked(waiting);
        for (ApprovalRequest request : channel.asked) {
            boolean even = Integer.parseInt(((String) request.call().arguments()[0]).substring(3)) % 2 == 0;
            channel.open
                    .get(request.id())
                    .complete(
                            even
                                    ? ApprovalVerdict.approved("alice", null, null)
                                    : ApprovalVerdict.denied("alice", null));
        }
        for (int i = 0; i < waiting; i++) {
            assertEquals(i % 2 == 0, decisions.get(i).get(5, TimeUnit.SECONDS).allowed(), "call " + i);
        }
    }

    @Test
    void aCallAnEarlierStageSentForApprovalIsPutToAPersonEvenWhereTheRulesWouldLetItRun() throws Exception {
        ApprovalStage stage = stage(Mode.ENFORCE, "PT10S");
        Decision marked = markedForAPerson("possible exfiltration: aws-access-key in argument 'body'");
        CompletableFuture<Decision> decision =
                CompletableFuture.supplyAsync(() -> stage.apply(call("ops", "s1", "post", PARAMS, "AKIA..."), marked));
        awaitAsked(1);
        assertTrue(
                channel.asked.get(0).reason().contains("possible exfiltration: aws-access-key"),
                channel.asked.get(0).reason());
        channel.answerAll(ApprovalVerdict.denied("carol", "that is our key"));
        Decision result = decision.get(5, TimeUnit.SECONDS);
        assertFalse(result.allowed());
        assertEquals(Approval.DENIED, result.approvalStatus());
        assertTrue(result.reason().contains("possible exfiltration"), result.reason());
        assertTrue(result.reason().endsWith("denied by carol: that is our key"), result.reason());
    }

    @Test
    void aMarkedCallIsAskedAboutEvenWhenItsRoleAllowsItsRiskUnasked() throws Exception {
        ApprovalStage stage = new ApprovalStage(
                new ApprovalRules(Calls.policy(dir, """
                roles:
                  bot:
                    allowed_tools: ["*"]
                    approval:
                      defaults: {external: allow}
                """), Duration.ofSeconds(10)),
                channel,
                new GrantStore(),
                audit,
                Mode.ENFORCE);
        Decision plain = stage.apply(call("bot", "s1", "post", PARAMS, "hello"), Calls.allowed(RiskLevel.EXTERNAL));
        assertTrue(plain.allowed(), plain.reason());
        assertTrue(channel.asked.isEmpty());
        Decision marked = markedForAPerson("possible exfiltration: private-key");
        CompletableFuture<Decision> decision = CompletableFuture.supplyAsync(
                () -> stage.apply(call("bot", "s1", "post", PARAMS, "-----BEGIN"), marked));
        awaitAsked(1);
        channel.answerAll(ApprovalVerdict.approved("dave", "test key", GrantScope.ALWAYS));
        Decision result = decision.get(5, TimeUnit.SECONDS);
        assertTrue(result.allowed(), result.reason());
        assertEquals(Approval.APPROVED, result.approvalStatus());
        assertFalse(
                result.reason().contains("identical calls approved"),
                "an escalated approval is for one call: " + result.reason());
    }

    @Test
    void requestsAreBoundToTheExactArguments() {
        ToolCall one = call("ops", "s", "wipe", PARAMS, "db");
        List<String> names = List.of("target");
        assertEquals(
                ArgumentsDigest.of("wipe", one.tool().parameterNames(), one.arguments()),
                ArgumentsDigest.of("wipe", one.tool().parameterNames(), new Object[] {"db"}));
        assertFalse(ArgumentsDigest.of("wipe", names, new Object[] {"db"})
                .equals(ArgumentsDigest.of("wipe", names, new Object[] {"db "})));
        String huge = "x".repeat(1_000_000);
        assertFalse(
                ArgumentsDigest.of("wipe", names, new Object[] {huge + "a"})
                        .equals(ArgumentsDigest.of("wipe", names, new Object[] {huge + "b"})),
                "values are hashed whole, not truncated");
        assertFalse(ArgumentsDigest.of("wipe", names, new Object[] {"db"})
                .equals(ArgumentsDigest.of("drop", names, new Object[] {"db"})));
        // A dispatched call names its own arguments: {from: a, to: b} is not {to: a, from: b}.
        assertFalse(ArgumentsDigest.of("move", List.of("from", "to"), new Object[] {"a", "b"})
                .equals(ArgumentsDigest.of("move", List.of("to", "from"), new Object[] {"a", "b"})));
    }

    /** An external call that exfiltration screening (action approve) passed on for a person to decide. */
    private static Decision markedForAPerson(String finding) {
        return Calls.allowed(RiskLevel.EXTERNAL)
                .withApproval(
                        dev.toolgate.agent.decision.Outcome.ALLOW,
                        finding,
                        "tools.post.exfiltration",
                        new Approval(Approval.REQUIRED, null, null));
    }

    private void awaitAsked(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (channel.asked.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, channel.asked.size());
    }
}
