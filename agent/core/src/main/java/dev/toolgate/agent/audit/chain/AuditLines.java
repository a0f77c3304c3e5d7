package dev.toolgate.agent.audit.chain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toolgate.agent.audit.json.CanonicalJson;
import java.io.IOException;

/** Reading audit lines back: parsing (strictly: a repeated key is an error) and checking a line's own hash. */
public final class AuditLines {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private AuditLines() {}

    /** The line as a JSON object, or null when it is not one (torn, cut, damaged). */
    public static JsonNode parse(byte[] line, int offset, int length) {
        try {
            JsonNode node = STRICT.readTree(line, offset, length);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Why the line does not parse, for reports. */
    public static String parseProblem(byte[] line, int offset, int length) {
        try {
            JsonNode node = STRICT.readTree(line, offset, length);
            return node == null ? "empty line" : node.isObject() ? null : "not a JSON object";
        } catch (IOException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                            && json.getOriginalMessage() != null
                    ? json.getOriginalMessage()
                    : String.valueOf(e.getMessage());
            return message.lines().findFirst().orElse(message);
        }
    }

    private static final byte[] HASH_MEMBER = ",\"hash\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Whether the line's content has the hash it claims. Lines as Toolgate writes them are their canonical form
     * followed by the hash member, which is checked on the bytes; any other layout (re-formatted, re-ordered) is
     * canonicalized first.
     */
    public static boolean hashMatches(byte[] line, JsonNode event, String claimed, EventHash hash) {
        int hashAt = line.length - HASH_MEMBER.length - 64 - 2;
        if (claimed.length() == 64
                && hashAt > 0
                && line[line.length - 1] == '}'
                && line[line.length - 2] == '"'
                && java.util.Arrays.equals(
                        line, hashAt, hashAt + HASH_MEMBER.length, HASH_MEMBER, 0, HASH_MEMBER.length)) {
            byte[] canonical = java.util.Arrays.copyOf(line, hashAt + 1);
            canonical[hashAt] = '}';
            if (hash.of(canonical).equals(claimed)) {
                return true;
            }
        }
        return computedHash(event, hash).equals(claimed);
    }

    /** The hash the line's content really has: SHA-256 of its canonical form without {@code hash}. */
    public static String computedHash(JsonNode event, EventHash hash) {
        return hash.of(CanonicalJson.bytes(event, "hash"));
    }

    /** The link a well-formed line claims to be, or null when it lacks seq or hash. */
    public static ChainLink claimedLink(JsonNode event) {
        JsonNode seq = event.get("seq");
        JsonNode hash = event.get("hash");
        if (seq == null || !seq.canConvertToLong() || hash == null || !hash.isTextual()) {
            return null;
        }
        return new ChainLink(seq.longValue(), hash.textValue());
    }

    public static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
