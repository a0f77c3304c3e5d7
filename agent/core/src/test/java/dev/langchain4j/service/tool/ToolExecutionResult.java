package dev.langchain4j.service.tool;

/** Stand-in with the builder and accessors of LangChain4j's ToolExecutionResult. */
public final class ToolExecutionResult {
    private final boolean error;
    private final String text;

    private ToolExecutionResult(boolean error, String text) {
        this.error = error;
        this.text = text;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isError() {
        return error;
    }

    public String resultText() {
        return text;
    }

    public static final class Builder {
        private boolean error;
        private String text;

        public Builder isError(boolean isError) {
            this.error = isError;
            return this;
        }

        public Builder resultText(String resultText) {
            this.text = resultText;
            return this;
        }

        public ToolExecutionResult build() {
            return new ToolExecutionResult(error, text);
        }
    }
}
