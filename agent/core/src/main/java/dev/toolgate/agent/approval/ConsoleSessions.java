package dev.toolgate.agent.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sign-ins: the endpoint's token, given once, is exchanged for a random session id held in an HttpOnly,
 * SameSite=Strict cookie, and a second random value the page sends back as its CSRF token on every change. A
 * session lasts {@code lifetime} from sign-in; at most {@link #MAX_SESSIONS} are open, the oldest closed first.
 */
final class ConsoleSessions {

    static final String COOKIE = "toolgate_console";
    static final int MAX_SESSIONS = 64;

    /** @param approver the name the person gave at sign-in; recorded as the approver of what they answer */
    record Session(String id, String csrf, String approver, Instant expiresAt) {

        boolean csrfMatches(String presented) {
            return presented != null
                    && MessageDigest.isEqual(
                            presented.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Why a request has no session. */
    enum Missing {
        NONE,
        EXPIRED
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration lifetime;

    ConsoleSessions(Duration lifetime) {
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    Session open(String approver, Instant now) {
        sessions.values().removeIf(session -> !now.isBefore(session.expiresAt()));
        while (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream()
                    .min(Comparator.comparing(Session::expiresAt))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        Session session = new Session(randomHex(), randomHex(), approver, now.plus(lifetime));
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session named by the request's cookies, or null; {@code why} gets the reason when null. */
    Session find(String cookieHeader, Instant now, Missing[] why) {
        String id = cookie(cookieHeader);
        Session session = id == null ? null : sessions.get(id);
        if (session == null) {
            why[0] = Missing.NONE;
            return null;
        }
        if (!now.isBefore(session.expiresAt())) {
            sessions.remove(id);
            why[0] = Missing.EXPIRED;
            return null;
        }
        return session;
    }

    boolean isOpen(String id) {
        return sessions.containsKey(id);
    }

    void close(String id) {
        sessions.remove(id);
    }

    /** The Set-Cookie value for a session; Secure is left out because the endpoint speaks plain HTTP on loopback. */
    String setCookie(Session session) {
        return COOKIE + "=" + session.id() + "; Path=/console; HttpOnly; SameSite=Strict; Max-Age="
                + lifetime.toSeconds();
    }

    static String clearCookie() {
        return COOKIE + "=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0";
    }

    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String pair = part.trim();
            if (pair.startsWith(COOKIE + "=")) {
                return pair.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    private String randomHex() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
