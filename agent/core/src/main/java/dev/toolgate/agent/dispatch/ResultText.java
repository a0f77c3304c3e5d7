package dev.toolgate.agent.dispatch;

/**
 * The text of what a tool or dispatch point returned, for result screening: a {@code String} as it is, a
 * LangChain4j {@code ToolExecutionResult} by its result text; null for anything else.
 */
public final class ResultText {

    private final String text;
    private final Object original;
    private final boolean error;

    private ResultText(String text, Object original) {
        this(text, original, false);
    }

    private ResultText(String text, Object original, boolean error) {
        this.text = text;
        this.original = original;
        this.error = error;
    }

    public static ResultText of(Object result) {
        if (result instanceof String string) {
            return new ResultText(string, result);
        }
        if (result == null) {
            return new ResultText(null, null);
        }
        try {
            return new ResultText(LangChain4jObjects.resultText(result), result, LangChain4jObjects.isError(result));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
            return new ResultText(null, result);
        }
    }

    public String text() {
        return text;
    }

    /** Whether the framework's result says the tool failed (it returned its error instead of throwing). */
    public boolean isError() {
        return error;
    }

    /**
     * The result as it would be with {@code replacement} for its text.
     *
     * @throws ReflectiveOperationException when the framework's result cannot be rebuilt
     */
    public Object replacedBy(String replacement) throws ReflectiveOperationException {
        return original instanceof String || original == null
                ? replacement
                : LangChain4jObjects.withText(original, replacement);
    }
}
