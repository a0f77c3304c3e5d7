package dev.toolgate.agent.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.agent.policy.GrantScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent's own approval service on a loopback port, for people and scripts with curl. Every request needs
 * {@code Authorization: Bearer <token>}.
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int REMEMBERED_ANSWERS = 10_000;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** How recently answered requests were answered, so a second answer gets 409; the oldest are forgotten. */
    private final Map<String, String> answered = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_ANSWERS;
        }
    });

    private final GrantStore grants;
    private final byte[] token;
    private final HttpServer server;
    private final ExecutorService workers;

    private record Pending(ApprovalRequest request, CompletableFuture<ApprovalVerdict> answer) {}

    EndpointChannel(int port, String token, GrantStore grants) throws IOException {
        this.grants = grants;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        this.workers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "toolgate-approval-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/approvals", this::handleApprovals);
        server.createContext("/grants", this::handleGrants);
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

    @Override
    public String name() {
        return "endpoint";
    }

    @Override
    public CompletableFuture<ApprovalVerdict> submit(ApprovalRequest request) {
        CompletableFuture<ApprovalVerdict> answer = new CompletableFuture<>();
        pending.put(request.id(), new Pending(request, answer));
        return answer;
    }

    @Override
    public void withdraw(ApprovalRequest request) {
        if (pending.remove(request.id()) != null) {
            answered.put(request.id(), "expired");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handleApprovals(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            String method = exchange.getRequestMethod();
            if (path.length == 2 && method.equals("GET")) {
                List<ApprovalRequest> requests = new ArrayList<>();
                pending.values().forEach(entry -> requests.add(entry.request()));
                requests.sort(Comparator.comparing(ApprovalRequest::createdAt));
                send(exchange, 200, ApprovalJson.requests(requests));
            } else if (path.length == 4
                    && method.equals("POST")
                    && (path[3].equals("approve") || path[3].equals("deny"))) {
                answer(exchange, path[2], path[3].equals("approve"));
            } else {
                sendError(exchange, 404, "no such resource; see GET /approvals");
            }
        }
    }

    private void answer(HttpExchange exchange, String id, boolean approve) throws IOException {
        JsonNode body;
        try {
            body = readBody(exchange);
        } catch (IOException | IllegalArgumentException e) {
            sendError(
                    exchange,
                    400,
                    "the body must be a JSON object of at most " + MAX_BODY_BYTES + " bytes: " + e.getMessage());
            return;
        }
        GrantScope grant =
                body.has("grant") ? GrantScope.parse(body.path("grant").asText()) : GrantScope.ONCE;
        if (grant == null) {
            sendError(exchange, 400, "\"grant\" must be once, session or always");
            return;
        }
        Pending entry = pending.remove(id);
        if (entry == null) {
            String earlier = answered.get(id);
            sendError(
                    exchange,
                    earlier == null ? 404 : 409,
                    earlier == null
                            ? "no pending approval request with id " + id
                            : "approval request " + id + " was already answered (" + earlier + ")");
            return;
        }
        String approver =
                body.path("approver").isTextual() ? body.path("approver").asText() : "endpoint";
        String reason = body.path("reason").isTextual() ? body.path("reason").asText() : null;
        answered.put(id, approve ? "approved by " + approver : "denied by " + approver);
        entry.answer()
                .complete(
                        approve
                                ? ApprovalVerdict.approved(approver, reason, grant)
                                : ApprovalVerdict.denied(approver, reason));
        ObjectNode result = JSON.createObjectNode()
                .put("id", id)
                .put("status", approve ? "approved" : "denied")
                .put("approver", approver);
        send(exchange, 200, JSON.writeValueAsBytes(result));
    }

    private void handleGrants(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length == 2 && exchange.getRequestMethod().equals("GET")) {
                ArrayNode list = JSON.createArrayNode();
                for (Grant grant : grants.list()) {
                    list.add(JSON.valueToTree(Map.of(
                            "id",
                            grant.id(),
                            "scope",
                            grant.scope().wireName(),
                            "role",
                            String.valueOf(grant.role()),
                            "session_id",
                            String.valueOf(grant.sessionId()),
                            "tool",
                            grant.tool(),
                            "arguments_sha256",
                            grant.argumentsSha256(),
                            "approver",
                            grant.approver(),
                            "approval_id",
                            grant.approvalId(),
                            "created_at",
                            grant.createdAt().toString())));
                }
                send(exchange, 200, JSON.writeValueAsBytes(list));
            } else if (path.length == 3 && exchange.getRequestMethod().equals("DELETE")) {
                if (grants.revoke(path[2])) {
                    send(exchange, 200, JSON.writeValueAsBytes(Map.of("id", path[2], "status", "revoked")));
                } else {
                    sendError(exchange, 404, "no grant with id " + path[2]);
                }
            } else {
                sendError(exchange, 404, "no such resource; see GET /grants");
            }
        }
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] presented = header != null && header.startsWith("Bearer ")
                ? header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (MessageDigest.isEqual(presented, token)) {
            return true;
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        sendError(exchange, 401, "send the approval endpoint's token as Authorization: Bearer <token>");
        return false;
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                // The rest is not read: the connection may be cut before a client still sending sees the 400.
                throw new IllegalArgumentException("too large");
            }
            if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                return JSON.createObjectNode();
            }
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            return node;
        }
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, JSON.writeValueAsBytes(Map.of("error", message)));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
