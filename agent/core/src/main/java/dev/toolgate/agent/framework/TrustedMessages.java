package dev.toolgate.agent.framework;

import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.provenance.Provenance;

/**
 * The user's and the system's messages of a model call, recorded as trusted content of the caller's conversation:
 * LangChain4j's {@code ChatRequest.messages()} ({@code SystemMessage.text()}, {@code UserMessage}'s text contents)
 * and Spring AI's {@code Prompt.getInstructions()} (messages of type USER and SYSTEM). The model's own messages
 * and tool results are not trusted. What cannot be read is left out, which can only make values look less
 * trusted.
 */
final class TrustedMessages {

    private static final int MAX_MESSAGES = 100_000;

    private static final Getter MESSAGES = new Getter("messages");
    private static final Getter INSTRUCTIONS = new Getter("getInstructions");
    private static final Getter TYPE = new Getter("type");
    private static final Getter MESSAGE_TYPE = new Getter("getMessageType");
    private static final Getter TEXT = new Getter("text");
    private static final Getter GET_TEXT = new Getter("getText");
    private static final Getter GET_CONTENT = new Getter("getContent");
    private static final Getter CONTENTS = new Getter("contents");

    private final Provenance provenance;
    private final java.util.function.BooleanSupplier insideToolCall;

    /** @param insideToolCall whether the current thread runs a tool's body, where nothing is declared trusted */
    TrustedMessages(Provenance provenance, java.util.function.BooleanSupplier insideToolCall) {
        this.provenance = provenance;
        this.insideToolCall = insideToolCall;
    }

    /** Text the application declares the user said, through the API. */
    void declared(Caller caller, String text) {
        if (provenance != null && !insideToolCall.getAsBoolean()) {
            provenance.trusted(caller, text);
        }
    }

    void record(Caller caller, Object request) {
        if (provenance == null || request == null || insideToolCall.getAsBoolean()) {
            return;
        }
        try {
            Object messages = MESSAGES.from(request);
            boolean springAi = false;
            if (!(messages instanceof Iterable<?>)) {
                messages = INSTRUCTIONS.from(request);
                springAi = true;
            }
            if (!(messages instanceof Iterable<?> list)) {
                return;
            }
            int seen = 0;
            for (Object message : list) {
                if (++seen > MAX_MESSAGES) {
                    return;
                }
                Object type = springAi ? MESSAGE_TYPE.from(message) : TYPE.from(message);
                String kind = type == null ? "" : type.toString();
                if (kind.equals("USER") || kind.equals("SYSTEM")) {
                    texts(caller, message, springAi);
                }
            }
        } catch (RuntimeException | LinkageError unreadable) {
            // nothing more is trusted than could be read
        }
    }

    private void texts(Caller caller, Object message, boolean springAi) {
        if (springAi) {
            Object text = GET_TEXT.from(message);
            provenance.trusted(caller, text instanceof CharSequence chars ? chars : asText(GET_CONTENT.from(message)));
            return;
        }
        Object contents = CONTENTS.from(message);
        if (contents instanceof Iterable<?> parts) {
            for (Object part : parts) {
                provenance.trusted(caller, asText(TEXT.from(part)));
            }
        } else {
            provenance.trusted(caller, asText(TEXT.from(message)));
        }
    }

    private static CharSequence asText(Object value) {
        return value instanceof CharSequence chars ? chars : null;
    }
}
