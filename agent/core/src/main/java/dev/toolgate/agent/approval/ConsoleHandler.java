package dev.toolgate.agent.approval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.policy.GrantScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The web approval console on the endpoint channel's port: plain HTML, CSS and JavaScript from the agent jar,
 * and a JSON API under {@code /console/api/} for it. The page signs in once with the endpoint's token, which is
 * exchanged for a session cookie ({@link ConsoleSessions}); every change (answer, revoke, sign-out) must come from
 * the console's own origin and carry the session's CSRF token. Requests naming another host are refused, so a
 * web page cannot reach the console through a rebound DNS name.
 * <pre>
 * GET    /console/                          the page
 * POST   /console/login                     {"token": "...", "approver": "alice"} → cookie, {"csrf": ...}
 * POST   /console/logout
 * GET    /console/api/session               {"approver", "csrf", "expires_at"}
 * GET    /console/api/pending               pending requests, oldest first, with their sessions' last calls
 * GET    /console/api/events                server-sent events: "changed" whenever anything shown changes
 * POST   /console/api/approvals/{id}/approve   {"reason": "...", "grant": "once|session|always"}
 * POST   /console/api/approvals/{id}/deny      {"reason": "..."}
 * GET    /console/api/grants                standing approvals
 * DELETE /console/api/grants/{id}           revoke one
 * GET    /console/api/decisions             the latest decisions of the gate
 * </pre>
 */
final class ConsoleHandler {

    static final int MAX_EVENT_STREAMS = 8;
    static final String CSRF_HEADER = "X-Toolgate-CSRF";

    private static final int SESSION_CALLS = 5;
    private static final int RECENT_DECISIONS = 50;
    private static final int MAX_REASON = 500;
    private static final long HEARTBEAT_MILLIS = 15_000;
    private static final Pattern APPROVER = Pattern.compile("[\\p{L}\\p{N} ._@-]{1,64}");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final String RESOURCES = "dev/toolgate/agent/approval/console/";
    private static final Map<String, String> PAGES = Map.of(
            "/console/", "index.html",
            "/console/console.js", "console.js",
            "/console/console.css", "console.css");

    private final PendingApprovals pending;
    private final GrantStore grants;
    private final RecentDecisions decisions;
    private final ConsoleSessions sessions;
    private final Predicate<String> token;
    private final Map<String, byte[]> pages = new LinkedHashMap<>();
    private final Semaphore streams = new Semaphore(MAX_EVENT_STREAMS);
    /** Pending requests as rendered for the page, by id; only those still pending are kept. */
    private final Map<String, String> rendered = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile boolean closed;

    ConsoleHandler(
            PendingApprovals pending,
            GrantStore grants,
            RecentDecisions decisions,
            ConsoleSessions sessions,
            Predicate<String> token) {
        this.pending = pending;
        this.grants = grants;
        this.decisions = decisions;
        this.sessions = sessions;
        this.token = token;
        for (String file : PAGES.values()) {
            pages.put(file, resource(file));
        }
    }

    void close() {
        closed = true;
        pending.changed();
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            secureHeaders(exchange.getResponseHeaders());
            String host = exchange.getRequestHeaders().getFirst("Host");
            int port = exchange.getLocalAddress().getPort();
            if (!isLocal(host, port)) {
                HttpReplies.sendError(
                        exchange, 403, "the console answers only as http://127.0.0.1:" + port + "/console/");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean changes = !method.equals("GET") && !method.equals("HEAD");
            if (changes && !sameOrigin(exchange, host)) {
                HttpReplies.sendError(
                        exchange,
                        403,
                        "cross-origin request refused: changes are accepted only from the console's own page at"
                                + " http://" + host);
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (method.equals("POST")
                    && (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))) {
                // Forms can post across origins without a preflight; the page only ever sends JSON.
                HttpReplies.sendError(exchange, 415, "send the body as application/json");
                return;
            }
            if (path.equals("/console")) {
                exchange.getResponseHeaders().set("Location", "/console/");
                HttpReplies.send(exchange, 303, "text/plain", new byte[0]);
            } else if (PAGES.containsKey(path) && method.equals("GET")) {
                String file = PAGES.get(path);
                HttpReplies.send(exchange, 200, contentType(file), pages.get(file));
            } else if (path.equals("/console/login") && method.equals("POST")) {
                login(exchange);
            } else if (path.startsWith("/console/api/") || path.equals("/console/logout")) {
                ConsoleSessions.Session session = session(exchange);
                if (session == null) {
                    return;
                }
                if (changes && !session.csrfMatches(exchange.getRequestHeaders().getFirst(CSRF_HEADER))) {
                    HttpReplies.sendError(
                            exchange, 403, "the " + CSRF_HEADER + " header is missing or not this session's");
                    return;
                }
                api(exchange, session, path, method);
            } else {
                HttpReplies.sendError(exchange, 404, "no such page; the console is at /console/");
            }
        }
    }

    private void api(HttpExchange exchange, ConsoleSessions.Session session, String path, String method)
            throws IOException {
        String[] parts = path.substring("/console/".length()).split("/");
        String route = method + " " + (parts.length > 1 ? parts[1] : parts[0]);
        switch (route) {
            case "POST logout" -> {
                sessions.close(session.id());
                pending.changed();
                exchange.getResponseHeaders().add("Set-Cookie", ConsoleSessions.clearCookie());
                HttpReplies.send(exchange, 200, HttpReplies.JSON.writeValueAsBytes(Map.of("status", "signed out")));
            }
            case "GET session" -> HttpReplies.send(exchange, 200, sessionJson(session));
            case "GET pending" -> HttpReplies.send(exchange, 200, pendingJson());
            case "GET events" -> events(exchange, session);
            case "GET grants" -> HttpReplies.send(exchange, 200, ApprovalJson.grants(grants.list()));
            case "GET decisions" -> HttpReplies.send(exchange, 200, decisionsJson());
            case "DELETE grants" -> revoke(exchange, session, parts);
            case "POST approvals" -> answer(exchange, session, parts);
            default -> HttpReplies.sendError(exchange, 404, "no such console resource: " + method + " " + path);
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        if (body == null) {
            return;
        }
        if (!token.test(body.path("token").asText(null))) {
            HttpReplies.sendError(exchange, 401, "that is not the approval endpoint's token; no session was opened");
            return;
        }
        String approver = body.path("approver").asText("").trim();
        if (!APPROVER.matcher(approver).matches()) {
            HttpReplies.sendError(
                    exchange,
                    400,
                    "give your name as the approver: 1 to 64 letters, digits, spaces or . _ @ -; it is recorded with"
                            + " every answer");
            return;
        }
        ConsoleSessions.Session session = sessions.open(approver, Instant.now());
        exchange.getResponseHeaders().add("Set-Cookie", sessions.setCookie(session));
        HttpReplies.send(exchange, 200, sessionJson(session));
    }

    /** The request's live session, or null after sending 401 saying why. */
    private ConsoleSessions.Session session(HttpExchange exchange) throws IOException {
        ConsoleSessions.Missing[] why = new ConsoleSessions.Missing[1];
        ConsoleSessions.Session session =
                sessions.find(exchange.getRequestHeaders().getFirst("Cookie"), Instant.now(), why);
        if (session == null) {
            HttpReplies.sendError(
                    exchange,
                    401,
                    why[0] == ConsoleSessions.Missing.EXPIRED
                            ? "the console session has expired; sign in again with the token"
                            : "not signed in: sign in to the console with the approval endpoint's token");
        }
        return session;
    }

    private void answer(HttpExchange exchange, ConsoleSessions.Session session, String[] parts) throws IOException {
        if (parts.length != 4 || !(parts[3].equals("approve") || parts[3].equals("deny"))) {
            HttpReplies.sendError(exchange, 404, "answer with POST /console/api/approvals/{id}/approve or /deny");
            return;
        }
        String id = parts[2];
        boolean approve = parts[3].equals("approve");
        JsonNode body = body(exchange);
        if (body == null) {
            return;
        }
        String reason = body.path("reason").asText("").trim();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            HttpReplies.sendError(exchange, 400, "give a reason of 1 to " + MAX_REASON + " characters");
            return;
        }
        ApprovalRequest request = pending.get(id);
        if (request == null) {
            EndpointChannel.sendNotAnswered(
                    exchange,
                    id,
                    pending.earlierAnswer(id) == null
                            ? PendingApprovals.Result.UNKNOWN
                            : PendingApprovals.Result.ALREADY_ANSWERED,
                    pending);
            return;
        }
        GrantScope grant = approve ? GrantScope.parse(body.path("grant").asText("once")) : GrantScope.ONCE;
        if (grant == null) {
            HttpReplies.sendError(exchange, 400, "\"grant\" must be once, session or always");
            return;
        }
        if (grant.ordinal() > request.maxGrant().ordinal()) {
            HttpReplies.sendError(
                    exchange,
                    400,
                    "grant '" + grant.wireName() + "' is wider than this request allows (max_grant: "
                            + request.maxGrant().wireName() + ")");
            return;
        }
        PendingApprovals.Result result = pending.answer(
                id,
                approve
                        ? ApprovalVerdict.approved(session.approver(), reason, grant)
                        : ApprovalVerdict.denied(session.approver(), reason),
                (approve ? "approved by " : "denied by ") + session.approver());
        if (result != PendingApprovals.Result.ANSWERED) {
            EndpointChannel.sendNotAnswered(exchange, id, result, pending);
            return;
        }
        HttpReplies.send(
                exchange,
                200,
                HttpReplies.JSON.writeValueAsBytes(Map.of(
                        "id",
                        id,
                        "status",
                        approve ? "approved" : "denied",
                        "approver",
                        session.approver(),
                        "grant",
                        grant.wireName())));
    }

    private void revoke(HttpExchange exchange, ConsoleSessions.Session session, String[] parts) throws IOException {
        if (parts.length != 3) {
            HttpReplies.sendError(exchange, 404, "revoke with DELETE /console/api/grants/{id}");
        } else if (grants.revoke(parts[2], session.approver())) {
            pending.changed();
            HttpReplies.send(
                    exchange, 200, HttpReplies.JSON.writeValueAsBytes(Map.of("id", parts[2], "status", "revoked")));
        } else {
            HttpReplies.sendError(exchange, 404, "no grant with id " + parts[2] + " (revoked already?)");
        }
    }

    /**
     * Server-sent events: {@code changed} with a version whenever requests, grants or decisions change (the page
     * then fetches what it shows), a comment every 15 s to keep the connection open, and {@code expired} when the
     * session ends. At most {@link #MAX_EVENT_STREAMS} are open at once.
     */
    private void events(HttpExchange exchange, ConsoleSessions.Session session) throws IOException {
        if (!streams.tryAcquire()) {
            HttpReplies.sendError(
                    exchange, 503, "too many console windows are open (" + MAX_EVENT_STREAMS + "); close one");
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            long seen = pending.version();
            write(out, "retry: 1000\nevent: changed\ndata: " + seen + "\n\n");
            while (!closed) {
                long untilExpiry = session.expiresAt().toEpochMilli() - System.currentTimeMillis();
                long now = pending.awaitChange(seen, Math.max(1, Math.min(HEARTBEAT_MILLIS, untilExpiry)));
                if (!Instant.now().isBefore(session.expiresAt()) || !sessions.isOpen(session.id())) {
                    write(out, "event: expired\ndata: sign in again\n\n");
                    return;
                }
                write(out, now == seen ? ": keep-alive\n\n" : "event: changed\ndata: " + now + "\n\n");
                seen = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // The page was closed or reloaded.
        } finally {
            streams.release();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A request as the page gets it; it never changes while it waits, so it is rendered once. */
    private static String render(ApprovalRequest request) {
        return new String(
                ApprovalJson.document(json -> {
                    json.writeStartObject();
                    ApprovalJson.writeFields(json, request);
                    json.writeStringField(
                            "session_key", sessionKey(request.call().caller()));
                    json.writeEndObject();
                }),
                StandardCharsets.UTF_8);
    }

    private byte[] pendingJson() {
        List<ApprovalRequest> requests = pending.list();
        Set<String> live = new java.util.HashSet<>();
        requests.forEach(request -> live.add(request.id()));
        rendered.keySet().retainAll(live);
        Map<String, Caller> callers = new LinkedHashMap<>();
        for (ApprovalRequest request : requests) {
            Caller caller = request.call().caller();
            callers.putIfAbsent(sessionKey(caller), caller);
        }
        return ApprovalJson.document(json -> {
            json.writeStartObject();
            json.writeStringField("now", Instant.now().toString());
            json.writeNumberField("capacity", pending.capacity());
            json.writeArrayFieldStart("pending");
            for (ApprovalRequest request : requests) {
                json.writeRawValue(rendered.computeIfAbsent(request.id(), id -> render(request)));
            }
            json.writeEndArray();
            // Each session's last calls once, however many of its requests wait.
            json.writeObjectFieldStart("sessions");
            for (Map.Entry<String, Caller> caller : callers.entrySet()) {
                json.writeFieldName(caller.getKey());
                writeDecisions(json, decisions.ofSession(caller.getValue(), SESSION_CALLS));
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private byte[] decisionsJson() {
        return ApprovalJson.document(json -> writeDecisions(json, decisions.latest(RECENT_DECISIONS)));
    }

    private static void writeDecisions(JsonGenerator json, List<RecentDecisions.Entry> entries) throws IOException {
        json.writeStartArray();
        for (RecentDecisions.Entry entry : entries) {
            Decision decision = entry.decision();
            Caller caller = entry.caller();
            json.writeStartObject();
            json.writeNumberField("seq", entry.seq());
            json.writeStringField("timestamp", entry.timestamp().toString());
            json.writeStringField("agent_id", caller == null ? null : caller.agentId());
            json.writeStringField("role", caller == null ? null : caller.role());
            json.writeStringField("session_id", caller == null ? null : caller.sessionId());
            json.writeStringField("tool", entry.event().tool().name());
            json.writeFieldName("params");
            ApprovalJson.writeParams(
                    json, entry.event().tool().parameterNames(), entry.event().arguments());
            json.writeStringField("decision", decision.outcome().wireName());
            json.writeStringField(
                    "risk_level",
                    decision.risk() == null ? null : decision.risk().wireName());
            json.writeStringField("reason", decision.reason());
            json.writeStringField("rule", decision.rule());
            json.writeStringField("approval_status", decision.approvalStatus());
            json.writeStringField("approver", decision.approver());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private byte[] sessionJson(ConsoleSessions.Session session) throws IOException {
        return HttpReplies.JSON.writeValueAsBytes(Map.of(
                "approver", session.approver(),
                "csrf", session.csrf(),
                "expires_at", session.expiresAt().toString()));
    }

    /** The body as a JSON object, or null after sending 400. */
    private static JsonNode body(HttpExchange exchange) throws IOException {
        try {
            return HttpReplies.readBody(exchange);
        } catch (IOException | IllegalArgumentException e) {
            HttpReplies.sendError(
                    exchange,
                    400,
                    "the body must be a JSON object of at most " + HttpReplies.MAX_BODY_BYTES + " bytes: "
                            + e.getMessage());
            return null;
        }
    }

    private static String sessionKey(Caller caller) {
        return caller.agentId() + " / " + caller.sessionId();
    }

    /** The Host header names this server on loopback: a rebound DNS name does not. */
    private static boolean isLocal(String host, int port) {
        if (host == null) {
            return false;
        }
        int colon = host.lastIndexOf(':');
        if (colon < 0 || !host.substring(colon + 1).equals(Integer.toString(port))) {
            return false;
        }
        return LOOPBACK_HOSTS.contains(host.substring(0, colon).toLowerCase(java.util.Locale.ROOT));
    }

    /** Browsers send Origin with every POST and DELETE; it must be the console's own. */
    private static boolean sameOrigin(HttpExchange exchange, String host) {
        return ("http://" + host).equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Origin"));
    }

    private static void secureHeaders(Headers headers) {
        headers.set(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
                        + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
    }

    private static byte[] resource(String file) {
        try (InputStream in = ConsoleHandler.class.getClassLoader().getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + RESOURCES + file + " is missing from the agent jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
