package dev.toolgate.agent.approval;

import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.policy.GrantScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Standing approvals, in memory: listed and revoked through the approval endpoint; gone when the JVM stops. */
public final class GrantStore {

    /** Told of every revocation as it happens, for the audit log. */
    public interface Revocations {
        void revoked(Grant grant, String by);
    }

    private final Map<String, Grant> byKey = new ConcurrentHashMap<>();
    private final Revocations revocations;

    /** A store whose revocations are recorded nowhere, for explanations and tests. */
    public GrantStore() {
        this((grant, by) -> {});
    }

    public GrantStore(Revocations revocations) {
        this.revocations = revocations;
    }

    /** The grant covering this exact call, or null. A session grant is preferred to an always grant. */
    Grant find(ToolCall call, String argumentsSha256) {
        Grant session = byKey.get(key(
                GrantScope.SESSION,
                call.caller().role(),
                call.caller().sessionId(),
                call.tool().name(),
                argumentsSha256));
        return session != null
                ? session
                : byKey.get(key(
                        GrantScope.ALWAYS,
                        call.caller().role(),
                        null,
                        call.tool().name(),
                        argumentsSha256));
    }

    Grant add(GrantScope scope, ApprovalRequest request, String approver) {
        ToolCall call = request.call();
        String session = scope == GrantScope.SESSION ? call.caller().sessionId() : null;
        Grant grant = new Grant(
                "grant-" + UUID.randomUUID(),
                scope,
                call.caller().role(),
                session,
                call.tool().name(),
                request.argumentsSha256(),
                approver,
                request.id(),
                Instant.now());
        byKey.put(key(scope, grant.role(), session, grant.tool(), grant.argumentsSha256()), grant);
        return grant;
    }

    public List<Grant> list() {
        List<Grant> grants = new ArrayList<>(byKey.values());
        grants.sort(Comparator.comparing(Grant::createdAt));
        return grants;
    }

    /**
     * Ends a grant at once: the next identical call asks again.
     *
     * @param by who revoked it, as recorded in the audit log
     * @return whether a grant with that id existed
     */
    public boolean revoke(String grantId, String by) {
        for (Map.Entry<String, Grant> entry : byKey.entrySet()) {
            if (entry.getValue().id().equals(grantId) && byKey.remove(entry.getKey(), entry.getValue())) {
                revocations.revoked(entry.getValue(), by);
                return true;
            }
        }
        return false;
    }

    private static String key(GrantScope scope, String role, String session, String tool, String hash) {
        return scope + "\u0000" + role + "\u0000" + session + "\u0000" + tool + "\u0000" + hash;
    }
}
