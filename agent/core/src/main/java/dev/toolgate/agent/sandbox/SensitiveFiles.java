package dev.toolgate.agent.sandbox;

import dev.toolgate.agent.validation.path.PathValidator;
import java.text.Normalizer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a real path names a sensitive file (the {@code path} validator's list), in its canonical form or its
 * compatibility form (full-width letters and the like). The answer depends on the text of the path alone, never on
 * the file system, so it is remembered by that text: a link made later changes the real path a check resolves,
 * and so the text looked up here, never the answer for a text.
 */
final class SensitiveFiles {

    private SensitiveFiles() {}

    /** Paths remembered at most; past that the memory starts again, so hostile names cannot grow it. */
    private static final int CAPACITY = 4096;

    private static final String NOT_SENSITIVE = "";
    private static final ConcurrentHashMap<String, String> KNOWN = new ConcurrentHashMap<>();

    /** Why {@code real} is sensitive, or null. */
    static String reason(String real) {
        String known = KNOWN.get(real);
        if (known == null) {
            known = judge(real);
            if (KNOWN.size() >= CAPACITY) {
                KNOWN.clear();
            }
            KNOWN.put(real, known == null ? NOT_SENSITIVE : known);
            return known;
        }
        return known.isEmpty() ? null : known;
    }

    private static String judge(String real) {
        String reason = PathValidator.sensitiveFile(real);
        if (reason == null) {
            String compatible = Normalizer.normalize(real, Normalizer.Form.NFKC);
            if (!compatible.equals(real)) {
                reason = PathValidator.sensitiveFile(compatible);
            }
        }
        return reason;
    }
}
