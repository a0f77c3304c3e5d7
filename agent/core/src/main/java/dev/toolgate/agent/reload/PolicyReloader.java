package dev.toolgate.agent.reload;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policy.PolicyLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Loads the policy again and swaps it in when it is valid; keeps the last good one when it is not. One reload
 * at a time (the watcher's and the JMX operation's are serialised here, never on the call path). Every
 * successful reload writes a {@code policy_change} audit event with the old and new sha256; every failed one
 * prints one ERROR line naming file and line and writes {@code policy_reload_failed}. A failure repeated for the
 * same content is reported once.
 */
public final class PolicyReloader {

    /** What a reload did. */
    public enum Result {
        /** A changed policy is in force. */
        RELOADED,
        /** The source holds the policy already in force. */
        UNCHANGED,
        /** The source could not be used; the last good policy stays in force. */
        FAILED
    }

    /** The outcome of one reload, with the one-line message the operator sees. */
    public record Outcome(Result result, String message) {}

    private final Path source;
    private final PolicyLoader loader;
    private final PolicyApplier applier;
    private final AuditLog audit;
    private final Supplier<Caller> caller;
    private final Mode mode;
    private final PrintStream err;

    private volatile Policy current;
    private volatile Instant loadedAt;
    private volatile String lastError;
    private volatile Instant lastAttemptAt;
    private volatile long reloads;
    private volatile long failures;
    /** The fingerprint of the source at the last attempt, so the watcher tries a content once. */
    private volatile String attemptedFingerprint;

    private PolicyReloader(Builder builder) {
        this.source = Objects.requireNonNull(builder.source, "source");
        this.loader = Objects.requireNonNull(builder.loader, "loader");
        this.applier = Objects.requireNonNull(builder.applier, "applier");
        this.audit = Objects.requireNonNull(builder.audit, "audit");
        this.caller = Objects.requireNonNull(builder.caller, "caller");
        this.mode = builder.mode;
        this.err = builder.err;
        this.current = Objects.requireNonNull(builder.initial, "initial policy");
        this.loadedAt = Instant.now();
        this.attemptedFingerprint = PolicyFingerprint.of(source);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reloads if the source's content differs from the content last tried; the watcher's entry. */
    public synchronized Outcome reloadIfChanged(String trigger) {
        String fingerprint = PolicyFingerprint.of(source);
        if (fingerprint.equals(attemptedFingerprint)) {
            return new Outcome(Result.UNCHANGED, "policy " + source + " unchanged");
        }
        return reload(trigger, fingerprint);
    }

    /** Reloads now, whatever changed; the JMX operation's entry. */
    public synchronized Outcome reload(String trigger) {
        return reload(trigger, PolicyFingerprint.of(source));
    }

    private Outcome reload(String trigger, String fingerprint) {
        // The fingerprint is taken before the load: if the source changes meanwhile, the next check sees it.
        boolean sameContentAsLastAttempt = fingerprint.equals(attemptedFingerprint);
        attemptedFingerprint = fingerprint;
        lastAttemptAt = Instant.now();
        Policy before = current;
        Policy next;
        PolicyApplier.Prepared prepared;
        try {
            next = loader.load(source);
            if (next.sha256().equals(before.sha256())) {
                String message = "policy " + source + " unchanged (sha256 " + before.sha256() + ")";
                if (lastError != null) {
                    lastError = null;
                    message = "policy " + source + " is readable and valid again, unchanged (sha256 " + before.sha256()
                            + "); still enforcing it";
                    err.println("[toolgate] " + message);
                }
                return new Outcome(Result.UNCHANGED, message);
            }
            prepared = applier.prepare(next);
        } catch (PolicyException | RuntimeException problem) {
            return failed(trigger, problem, before, sameContentAsLastAttempt);
        }
        // Events queued from here on name the new policy; calls still running under the old one finish under it.
        audit.policyChanged(next.source().toString(), next.sha256());
        prepared.activate();
        current = next;
        loadedAt = Instant.now();
        lastError = null;
        reloads++;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("policy_file", source.toString());
        details.put("old_sha256", before.sha256());
        details.put("new_sha256", next.sha256());
        details.put("trigger", trigger);
        if (!before.instrument().equals(next.instrument())) {
            // Weaving is decided when a class loads; see docs/policy-reload.md.
            details.put("instrument_rules", "changed; applied at the next start (methods already gated stay gated)");
        }
        audit.append(AuditEvent.lifecycle(EventType.POLICY_CHANGE, caller.get(), mode, details));
        String message = "policy reloaded: " + source + " (sha256 " + abbreviate(before.sha256()) + " -> "
                + abbreviate(next.sha256()) + ", " + trigger + ")";
        err.println("[toolgate] " + message
                + (details.containsKey("instrument_rules")
                        ? "; WARNING: the instrument: rules changed and take effect at the next start"
                        : ""));
        return new Outcome(Result.RELOADED, message);
    }

    private Outcome failed(String trigger, Exception problem, Policy kept, boolean repeated) {
        String reason = problem instanceof PolicyException ? problem.getMessage() : String.valueOf(problem);
        boolean sameAsBefore = repeated && reason.equals(lastError);
        lastError = reason;
        failures++;
        String message = "policy reload failed, the last good policy stays in force (sha256 "
                + abbreviate(kept.sha256()) + "): " + reason;
        if (!sameAsBefore) {
            err.println("[toolgate] ERROR: " + message);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("policy_file", source.toString());
            details.put("error", reason);
            details.put("kept_sha256", kept.sha256());
            details.put("trigger", trigger);
            audit.append(AuditEvent.lifecycle(EventType.POLICY_RELOAD_FAILED, caller.get(), mode, details));
        }
        return new Outcome(Result.FAILED, message);
    }

    private static String abbreviate(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
    }

    public Path source() {
        return source;
    }

    public Policy current() {
        return current;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** The problem of the last reload, or null when it succeeded (or none failed yet). */
    public String lastError() {
        return lastError;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public long reloads() {
        return reloads;
    }

    public long failures() {
        return failures;
    }

    /** The policy loaded at start, its source and loader, what compiles it, and where events go. */
    public static final class Builder {
        private Path source;
        private PolicyLoader loader;
        private PolicyApplier applier;
        private AuditLog audit;
        private Supplier<Caller> caller;
        private Mode mode = Mode.ENFORCE;
        private PrintStream err = System.err;
        private Policy initial;

        private Builder() {}

        /** The file or directory the policy is read from. */
        public Builder source(Path path) {
            this.source = path;
            return this;
        }

        public Builder loader(PolicyLoader policyLoader) {
            this.loader = policyLoader;
            return this;
        }

        public Builder applier(PolicyApplier policyApplier) {
            this.applier = policyApplier;
            return this;
        }

        /** The policy in force when reloading starts. */
        public Builder initial(Policy policy) {
            this.initial = policy;
            return this;
        }

        public Builder audit(AuditLog log, Supplier<Caller> eventCaller, Mode enforcement) {
            this.audit = log;
            this.caller = eventCaller;
            this.mode = enforcement;
            return this;
        }

        /** Where the one-line reports go; stderr unless a test says otherwise. */
        public Builder err(PrintStream stream) {
            this.err = stream;
            return this;
        }

        public PolicyReloader build() {
            return new PolicyReloader(this);
        }
    }
}
