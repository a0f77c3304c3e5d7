package dev.toolgate.agent.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.agent.audit.AuditListener;
import dev.toolgate.agent.policy.GrantScope;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent's own approval service on a loopback port: a JSON API for scripts with curl, where every request needs
 * {@code Authorization: Bearer <token>}, and the web console under {@code /console/} ({@link ConsoleHandler}).
 * <pre>
 * GET    /approvals                  pending requests
 * POST   /approvals/{id}/approve     body (optional): {"approver": "...", "reason": "...", "grant": "session"}
 * POST   /approvals/{id}/deny        body (optional): {"approver": "...", "reason": "..."}
 * GET    /grants                     standing approvals
 * DELETE /grants/{id}                revoke one
 * </pre>
 * A request is answered once: a second answer gets 409, an unknown id 404.
 */
final class EndpointChannel implements ApprovalChannel {

    static final int DEFAULT_MAX_PENDING = 1_000;
    static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(1);

    private final PendingApprovals pending;
    private final GrantStore grants;
    private final RecentDecisions decisions;
    private final ConsoleHandler console;
    private final byte[] token;
    private final HttpServer server;
    private final ExecutorService workers;

    EndpointChannel(int port, String token, GrantStore grants) throws IOException {
        this(port, token, grants, DEFAULT_MAX_PENDING, DEFAULT_SESSION_LIFETIME);
    }

    /**
     * @param maxPending      requests that may wait at once; one more refuses the oldest
     * @param sessionLifetime how long a console sign-in lasts
     */
    EndpointChannel(int port, String token, GrantStore grants, int maxPending, Duration sessionLifetime)
            throws IOException {
        this.grants = grants;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.pending = new PendingApprovals(maxPending);
        this.decisions = new RecentDecisions(pending::changed);
        this.console = new ConsoleHandler(
                pending, grants, decisions, new ConsoleSessions(sessionLifetime), this::tokenMatches);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        // Console event streams each hold a thread while open; the handler bounds them below this pool's size.
        this.workers = Executors.newFixedThreadPool(ConsoleHandler.MAX_EVENT_STREAMS + 4, runnable -> {
            Thread thread = new Thread(runnable, "toolgate-approval-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/approvals", this::handleApprovals);
        server.createContext("/grants", this::handleGrants);
        server.createContext("/console", console::handle);
        startAsDaemon(server);
    }

    /** The server's dispatcher thread takes its daemon flag from the thread that starts it: it must not keep the
     * application's JVM alive. */
    private static void startAsDaemon(HttpServer server) {
        Thread starter = new Thread(server::start, "toolgate-approval-endpoint-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Feeds the console's recent decisions and each request's session history from the audit log. */
    AuditListener decisionListener() {
        return decisions;
    }

    @Override
    public String name() {
        return "endpoint";
    }

    @Override
    public CompletableFuture<ApprovalVerdict> submit(ApprovalRequest request) {
        return pending.add(request);
    }

    @Override
    public void withdraw(ApprovalRequest request) {
        pending.withdraw(request.id());
    }

    @Override
    public void close() {
        console.close();
        server.stop(0);
        workers.shutdownNow();
    }

    private boolean tokenMatches(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }

    private void handleApprovals(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            String method = exchange.getRequestMethod();
            if (path.length == 2 && method.equals("GET")) {
                HttpReplies.send(exchange, 200, ApprovalJson.requests(pending.list()));
            } else if (path.length == 4
                    && method.equals("POST")
                    && (path[3].equals("approve") || path[3].equals("deny"))) {
                answer(exchange, path[2], path[3].equals("approve"));
            } else {
                HttpReplies.sendError(exchange, 404, "no such resource; see GET /approvals");
            }
        }
    }

    private void answer(HttpExchange exchange, String id, boolean approve) throws IOException {
        JsonNode body;
        try {
            body = HttpReplies.readBody(exchange);
        } catch (IOException | IllegalArgumentException e) {
            HttpReplies.sendError(
                    exchange,
                    400,
                    "the body must be a JSON object of at most " + HttpReplies.MAX_BODY_BYTES + " bytes: "
                            + e.getMessage());
            return;
        }
        GrantScope grant =
                body.has("grant") ? GrantScope.parse(body.path("grant").asText()) : GrantScope.ONCE;
        if (grant == null) {
            HttpReplies.sendError(exchange, 400, "\"grant\" must be once, session or always");
            return;
        }
        String approver =
                body.path("approver").isTextual() ? body.path("approver").asText() : "endpoint";
        String reason = body.path("reason").isTextual() ? body.path("reason").asText() : null;
        PendingApprovals.Result result = pending.answer(
                id,
                approve ? ApprovalVerdict.approved(approver, reason, grant) : ApprovalVerdict.denied(approver, reason),
                (approve ? "approved by " : "denied by ") + approver);
        if (result != PendingApprovals.Result.ANSWERED) {
            sendNotAnswered(exchange, id, result, pending);
            return;
        }
        HttpReplies.send(
                exchange,
                200,
                HttpReplies.JSON.writeValueAsBytes(
                        Map.of("id", id, "status", approve ? "approved" : "denied", "approver", approver)));
    }

    /** 409 for a request answered before (or expired), 404 for one never seen. */
    static void sendNotAnswered(
            HttpExchange exchange, String id, PendingApprovals.Result result, PendingApprovals pending)
            throws IOException {
        if (result == PendingApprovals.Result.ALREADY_ANSWERED) {
            HttpReplies.sendError(
                    exchange,
                    409,
                    "approval request " + id + " was already answered (" + pending.earlierAnswer(id) + ")");
        } else {
            HttpReplies.sendError(exchange, 404, "no pending approval request with id " + id);
        }
    }

    private void handleGrants(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length == 2 && exchange.getRequestMethod().equals("GET")) {
                HttpReplies.send(exchange, 200, ApprovalJson.grants(grants.list()));
            } else if (path.length == 3 && exchange.getRequestMethod().equals("DELETE")) {
                if (grants.revoke(path[2], "endpoint")) {
                    pending.changed();
                    HttpReplies.send(
                            exchange,
                            200,
                            HttpReplies.JSON.writeValueAsBytes(Map.of("id", path[2], "status", "revoked")));
                } else {
                    HttpReplies.sendError(exchange, 404, "no grant with id " + path[2]);
                }
            } else {
                HttpReplies.sendError(exchange, 404, "no such resource; see GET /grants");
            }
        }
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null
                && header.startsWith("Bearer ")
                && tokenMatches(header.substring(7).trim())) {
            return true;
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        HttpReplies.sendError(exchange, 401, "send the approval endpoint's token as Authorization: Bearer <token>");
        return false;
    }
}
