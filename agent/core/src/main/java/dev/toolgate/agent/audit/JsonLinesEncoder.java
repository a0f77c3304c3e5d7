package dev.toolgate.agent.audit;

import dev.toolgate.agent.audit.json.CanonicalJsonWriter;
import dev.toolgate.agent.audit.json.KeyOrder;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.Outcome;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.policy.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders an {@link AuditEvent} as one JSON object in canonical form (members sorted by key, no whitespace):
 * exactly the bytes its hash is computed over. Every field of the article's {@code AgentAuditEvent} is always
 * present (null where it does not apply), so readers need no schema knowledge to find them. What repeats from
 * event to event (member names, enum names, the policy, a tool's method) is encoded once. Not thread-safe: one
 * per thread (the writer's, and the render-ahead thread's).
 */
final class JsonLinesEncoder {

    /** The fixed members, declared in canonical (sorted) order; checked when the class loads. */
    private enum Field {
        AGENT_ID,
        APPROVAL_ID,
        APPROVAL_STATUS,
        APPROVER,
        DECISION,
        DURATION_US,
        EVENT_TYPE,
        METHOD,
        MODE,
        PARAMS,
        POLICY_FILE,
        POLICY_SHA256,
        PREV_HASH,
        REASON,
        RESULT,
        RISK_LEVEL,
        ROLE,
        RULE,
        SEQ,
        SESSION_ID,
        TIMESTAMP,
        TOKENS_USED,
        TOOL;

        final String wireName = name().toLowerCase(Locale.ROOT);
        final byte[] encodedName = ("\"" + wireName + "\":").getBytes(StandardCharsets.US_ASCII);

        static final Field[] ORDER = values();

        static {
            for (int i = 1; i < ORDER.length; i++) {
                if (ORDER[i - 1].wireName.compareTo(ORDER[i].wireName) >= 0) {
                    throw new AssertionError("audit fields out of canonical order at " + ORDER[i]);
                }
            }
        }
    }

    static final Set<String> FIXED_NAMES =
            Arrays.stream(Field.values()).map(field -> field.wireName).collect(Collectors.toUnmodifiableSet());

    private static final byte[][] EVENT_TYPES = encodedNames(EventType.values(), type -> type.wireName());
    private static final byte[][] OUTCOMES = encodedNames(Outcome.values(), outcome -> outcome.wireName());
    private static final byte[][] RISKS = encodedNames(RiskLevel.values(), risk -> risk.wireName());
    private static final byte[][] MODES = encodedNames(Mode.values(), mode -> mode.wireName());
    private static final int MAX_CACHED_METHODS = 10_000;
    /** The {@code seq} that asks for a hole instead of digits. */
    private static final long SEQ_HOLE = -1;

    private final ValueRenderer renderer = new ValueRenderer();
    private final Timestamps timestamps = new Timestamps();
    /** The policy named by events that carry no {@link Stamp} of their own. */
    private final Stamp defaultPolicy;

    private final Map<ToolDescriptor, byte[]> methods = new IdentityHashMap<>();
    private final CanonicalJsonWriter scratch = new CanonicalJsonWriter(1024);
    /** Where the last event rendered with holes has them. */
    private int prevHashHole;

    private int seqHole;

    JsonLinesEncoder(String policyFile, String policySha256) {
        this.defaultPolicy = stamp(policyFile, policySha256);
    }

    /**
     * The {@code policy_file} and {@code policy_sha256} of events queued while that policy is in force, encoded
     * once per policy version rather than once per event.
     */
    static final class Stamp {
        final byte[] file;
        final byte[] sha256;

        private Stamp(byte[] file, byte[] sha256) {
            this.file = file;
            this.sha256 = sha256;
        }
    }

    static Stamp stamp(String policyFile, String policySha256) {
        return new Stamp(
                encodeOrNull(
                        policyFile == null ? null : ValueRenderer.clean(policyFile, ValueRenderer.MAX_STRING_CHARS)),
                encodeOrNull(policySha256));
    }

    /**
     * Appends the event as a canonical JSON object (no newline, no hash) to {@code json}.
     *
     * @param prevHash the previous event's hash as 64 lowercase hex ASCII bytes
     */
    void encode(CanonicalJsonWriter json, AuditEvent event, long seq, byte[] prevHash) {
        encode(json, event, null, seq, prevHash);
    }

    /** @param policy the policy the event names; null for the one this encoder was made with */
    void encode(CanonicalJsonWriter json, AuditEvent event, Stamp policy, long seq, byte[] prevHash) {
        writeObject(json, event, policy == null ? defaultPolicy : policy, seq, prevHash);
    }

    /**
     * The event rendered with holes for {@code prev_hash} and {@code seq}, for the writer to fill in order.
     *
     * @throws RuntimeException when application values cannot be rendered (the writer then renders the event
     *                          itself, with its fallback)
     */
    RenderedEvent renderAhead(AuditEvent event) {
        return renderAhead(event, null);
    }

    RenderedEvent renderAhead(AuditEvent event, Stamp policy) {
        scratch.reset();
        scratch.startDocument();
        writeObject(scratch, event, policy == null ? defaultPolicy : policy, SEQ_HOLE, null);
        return new RenderedEvent(scratch.toByteArray(), prevHashHole, seqHole);
    }

    private void writeObject(CanonicalJsonWriter json, AuditEvent event, Stamp policy, long seq, byte[] prevHash) {
        List<Map.Entry<String, Object>> details = sortedDetails(event.details());
        int next = 0;
        json.beginObject();
        for (Field field : Field.ORDER) {
            while (next < details.size() && KeyOrder.compare(details.get(next).getKey(), field.wireName) < 0) {
                writeDetail(json, details.get(next++));
            }
            writeField(json, field, event, policy, seq, prevHash);
        }
        while (next < details.size()) {
            writeDetail(json, details.get(next++));
        }
        json.endObject();
    }

    private void writeDetail(CanonicalJsonWriter json, Map.Entry<String, Object> detail) {
        json.name(detail.getKey());
        renderer.write(json, detail.getValue());
    }

    private void writeField(
            CanonicalJsonWriter json, Field field, AuditEvent event, Stamp policy, long seq, byte[] prevHash) {
        Decision decision = event.decision();
        ToolDescriptor tool = event.tool();
        Caller caller = event.caller();
        switch (field) {
            case AGENT_ID -> text(json, field, caller == null ? null : caller.agentId());
            case APPROVAL_ID -> {
                if (decision != null
                        && decision.approval() != null
                        && decision.approval().id() != null) {
                    text(json, field, decision.approval().id());
                }
            }
            case APPROVAL_STATUS -> text(json, field, decision == null ? null : decision.approvalStatus());
            case APPROVER -> {
                if (decision != null && decision.approver() != null) {
                    text(json, field, decision.approver());
                }
            }
            case DECISION ->
                constant(
                        json,
                        field,
                        decision == null ? null : OUTCOMES[decision.outcome().ordinal()]);
            case DURATION_US -> {
                if (event.durationNanos() >= 0) {
                    json.name(field.encodedName).number(event.durationNanos() / 1_000);
                }
            }
            case EVENT_TYPE -> constant(json, field, EVENT_TYPES[event.type().ordinal()]);
            case METHOD -> {
                if (tool != null) {
                    constant(json, field, method(tool));
                }
            }
            case MODE ->
                constant(
                        json,
                        field,
                        event.mode() == null ? null : MODES[event.mode().ordinal()]);
            case PARAMS -> {
                json.name(field.encodedName);
                writeParams(json, tool, event.arguments());
            }
            case POLICY_FILE -> constant(json, field, policy.file);
            case POLICY_SHA256 -> constant(json, field, policy.sha256);
            case PREV_HASH -> {
                json.name(field.encodedName).startRawValue();
                json.put((byte) '"');
                if (prevHash == null) {
                    prevHashHole = json.size();
                } else {
                    json.raw(prevHash);
                }
                json.put((byte) '"');
            }
            case REASON -> text(json, field, decision == null ? null : decision.reason());
            case RESULT -> {
                json.name(field.encodedName);
                if (event.result() == AuditEvent.NO_RESULT) {
                    json.nullValue();
                } else {
                    renderer.write(json, event.result());
                }
            }
            case RISK_LEVEL ->
                constant(
                        json,
                        field,
                        decision == null ? null : RISKS[decision.risk().ordinal()]);
            case ROLE -> text(json, field, caller == null ? null : caller.role());
            case RULE -> text(json, field, decision == null ? null : decision.rule());
            case SEQ -> {
                json.name(field.encodedName).startRawValue();
                if (seq == SEQ_HOLE) {
                    seqHole = json.size();
                } else {
                    json.digits(seq);
                }
            }
            case SESSION_ID -> text(json, field, caller == null ? null : caller.sessionId());
            case TIMESTAMP -> {
                json.name(field.encodedName);
                timestamps.write(json, event.timestamp());
            }
            case TOKENS_USED -> json.name(field.encodedName).number(event.tokensUsed());
            case TOOL -> text(json, field, tool == null ? null : tool.name());
            default -> throw new AssertionError(field);
        }
    }

    private void text(CanonicalJsonWriter json, Field field, String value) {
        json.name(field.encodedName);
        renderer.writeRepeatedText(json, value);
    }

    private static void constant(CanonicalJsonWriter json, Field field, byte[] encoded) {
        json.name(field.encodedName);
        if (encoded == null) {
            json.nullValue();
        } else {
            json.encoded(encoded);
        }
    }

    private byte[] method(ToolDescriptor tool) {
        byte[] encoded = methods.get(tool);
        if (encoded == null) {
            if (methods.size() >= MAX_CACHED_METHODS) {
                methods.clear();
            }
            encoded = CanonicalJsonWriter.encode(
                    ValueRenderer.clean(tool.declaringClass() + "#" + tool.method(), ValueRenderer.MAX_STRING_CHARS));
            methods.put(tool, encoded);
        }
        return encoded;
    }

    private void writeParams(CanonicalJsonWriter json, ToolDescriptor tool, Object[] arguments) {
        if (tool == null || arguments == null) {
            json.nullValue();
            return;
        }
        List<String> names = tool.parameterNames();
        json.beginObject();
        if (arguments.length == 1) {
            json.name(names.isEmpty() ? "arg0" : names.get(0));
            renderer.write(json, arguments[0]);
        } else {
            // Parameter names are Java identifiers, but sorting keeps the object canonical whatever they are.
            Integer[] order = new Integer[arguments.length];
            String[] keys = new String[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                order[i] = i;
                keys[i] = i < names.size() ? names.get(i) : "arg" + i;
            }
            Arrays.sort(order, (a, b) -> KeyOrder.compare(keys[a], keys[b]));
            for (int i : order) {
                json.name(keys[i]);
                renderer.write(json, arguments[i]);
            }
        }
        json.endObject();
    }

    /** Extra members of lifecycle events, sorted; a name that clashes with a fixed member gets a prefix. */
    private static List<Map.Entry<String, Object>> sortedDetails(Map<String, Object> details) {
        if (details == null || details.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, Object>> sorted = new ArrayList<>(details.size());
        for (Map.Entry<String, Object> detail : details.entrySet()) {
            String name =
                    FIXED_NAMES.contains(detail.getKey()) || detail.getKey().equals("hash")
                            ? "detail_" + detail.getKey()
                            : detail.getKey();
            sorted.add(new java.util.AbstractMap.SimpleImmutableEntry<>(name, detail.getValue()));
        }
        sorted.sort(Map.Entry.comparingByKey(KeyOrder.CODE_POINTS));
        return sorted;
    }

    private static byte[] encodeOrNull(String text) {
        return text == null ? null : CanonicalJsonWriter.encode(text);
    }

    private static <E> byte[][] encodedNames(E[] constants, java.util.function.Function<E, String> wireName) {
        byte[][] encoded = new byte[constants.length][];
        for (int i = 0; i < constants.length; i++) {
            encoded[i] = CanonicalJsonWriter.encode(wireName.apply(constants[i]));
        }
        return encoded;
    }
}
