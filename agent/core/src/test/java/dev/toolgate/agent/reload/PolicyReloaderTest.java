package dev.toolgate.agent.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.validation.ValidationSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReloaderTest {

    @TempDir
    Path dir;

    private final ConcurrentLinkedQueue<AuditEvent> events = new ConcurrentLinkedQueue<>();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final AtomicReference<Policy> active = new AtomicReference<>();
    private final PolicyLoader loader = new PolicyLoader(ValidationSettings.POLICY_CHECK);

    private final AuditLog audit = new AuditLog() {
        @Override
        public boolean append(AuditEvent event) {
            events.add(event);
            return true;
        }

        @Override
        public long written() {
            return events.size();
        }

        @Override
        public void close() {}
    };

    private static final String ALLOWS = "roles: {r: {allowed_tools: [t]}}\n";
    private static final String DENIES = "roles: {r: {allowed_tools: [t], denied_tools: [t]}}\n";

    private PolicyReloader reloader(Path source) throws Exception {
        Policy first = loader.load(source);
        active.set(first);
        return PolicyReloader.builder()
                .source(source)
                .loader(loader)
                .applier(policy -> () -> active.set(policy))
                .initial(first)
                .audit(audit, () -> new Caller("agent", null, "s"), dev.toolgate.agent.config.Mode.ENFORCE)
                .err(new PrintStream(errBytes, true, StandardCharsets.UTF_8))
                .build();
    }

    private List<AuditEvent> of(EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aValidChangeIsSwappedInAndAuditedWithBothHashes() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, ALLOWS);
        PolicyReloader reloader = reloader(file);
        String before = reloader.current().sha256();

        assertEquals(
                PolicyReloader.Result.UNCHANGED,
                reloader.reloadIfChanged("test").result());
        Files.writeString(file, DENIES);
        PolicyReloader.Outcome outcome = reloader.reloadIfChanged("test");

        assertEquals(PolicyReloader.Result.RELOADED, outcome.result(), outcome.message());
        assertNotEquals(before, active.get().sha256());
        AuditEvent change = of(EventType.POLICY_CHANGE).get(0);
        assertEquals(before, change.details().get("old_sha256"));
        assertEquals(active.get().sha256(), change.details().get("new_sha256"));
        assertEquals(1, reloader.reloads());
    }

    @Test
    void anInvalidChangeKeepsTheLastGoodPolicyAndIsReportedOnce() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, ALLOWS);
        PolicyReloader reloader = reloader(file);
        Policy good = active.get();

        Files.writeString(file, "roles:\n  r: {alowed_tools: [t]}\n");
        PolicyReloader.Outcome outcome = reloader.reloadIfChanged("test");
        reloader.reloadIfChanged("test");
        reloader.reload("jmx");

        assertEquals(PolicyReloader.Result.FAILED, outcome.result());
        assertEquals(good, active.get());
        assertEquals(1, of(EventType.POLICY_RELOAD_FAILED).size(), events.toString());
        List<String> errors =
                err().lines().filter(l -> l.startsWith("[toolgate] ERROR")).toList();
        assertEquals(1, errors.size(), err());
        assertTrue(errors.get(0).contains(file + ":2:"), errors.get(0));
        assertTrue(reloader.lastError().contains("alowed_tools"));
        assertEquals(
                good.sha256(),
                of(EventType.POLICY_RELOAD_FAILED).get(0).details().get("kept_sha256"));

        Files.writeString(file, ALLOWS);
        assertEquals(
                PolicyReloader.Result.UNCHANGED,
                reloader.reloadIfChanged("test").result());
        assertNull(reloader.lastError());
    }

    @Test
    void aDeletedFileKeepsThePolicyAndItsReturnIsPickedUp() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, ALLOWS);
        PolicyReloader reloader = reloader(file);
        Policy good = active.get();
        Files.delete(file);
        assertEquals(
                PolicyReloader.Result.FAILED, reloader.reloadIfChanged("test").result());
        assertEquals(good, active.get());
        assertTrue(reloader.lastError().contains("not found"), reloader.lastError());
        Files.writeString(file, DENIES);
        assertEquals(
                PolicyReloader.Result.RELOADED, reloader.reloadIfChanged("test").result());
    }

    @Test
    void theWatcherSeesAnEditAndADirectoryThatComesBack() throws Exception {
        Path policies = Files.createDirectory(dir.resolve("policies"));
        Files.writeString(policies.resolve("a.yaml"), ALLOWS);
        PolicyReloader reloader = reloader(policies);
        try (PolicyWatcher watcher = PolicyWatcher.start(reloader, Duration.ofMillis(50), Duration.ofMillis(300))) {
            Files.writeString(policies.resolve("a.yaml"), DENIES);
            awaitReloads(reloader, 1);
            Files.delete(policies.resolve("a.yaml"));
            Files.delete(policies);
            awaitFailures(reloader, 1);
            Files.createDirectory(policies);
            Files.writeString(policies.resolve("a.yaml"), ALLOWS);
            awaitReloads(reloader, 2);
            assertNull(reloader.lastError());
        }
    }

    private static void awaitReloads(PolicyReloader reloader, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reloader.reloads() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(count, reloader.reloads(), String.valueOf(reloader.lastError()));
    }

    private static void awaitFailures(PolicyReloader reloader, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reloader.failures() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(reloader.failures() >= count);
    }
}
