package dev.toolgate.agent.budget;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Session ids as keys of the session table. An id comes from the application or a framework and may be of any
 * length; kept as it is, a megabyte-long id would be held for every session. Ids longer than
 * {@link #MAX_KEY_CHARS} are replaced by a short prefix and their SHA-256, so keys stay small and distinct ids
 * stay distinct.
 */
final class SessionKeys {

    static final int MAX_KEY_CHARS = 128;
    private static final int PREFIX_CHARS = 32;
    /** The key of calls whose session is unknown; the resolver normally gives every call a session. */
    static final String NO_SESSION = "(no session)";

    /** The last long id this thread hashed: callers pass the same string instance call after call. */
    private static final ThreadLocal<String[]> LAST_HASHED = ThreadLocal.withInitial(() -> new String[2]);

    private SessionKeys() {}

    static String keyOf(String sessionId) {
        if (sessionId == null) {
            return NO_SESSION;
        }
        if (sessionId.length() <= MAX_KEY_CHARS) {
            return sessionId;
        }
        String[] last = LAST_HASHED.get();
        if (last[0] == sessionId) {
            return last[1];
        }
        String key = sessionId.substring(0, PREFIX_CHARS) + "…sha256:" + sha256(sessionId);
        last[0] = sessionId;
        last[1] = key;
        return key;
    }

    /** The id as shown in a denial: long ids cut, so the message stays readable. */
    static String forDisplay(String sessionId) {
        if (sessionId == null) {
            return NO_SESSION;
        }
        return sessionId.length() <= MAX_KEY_CHARS
                ? sessionId
                : sessionId.substring(0, PREFIX_CHARS) + "…(" + sessionId.length() + " chars)";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
