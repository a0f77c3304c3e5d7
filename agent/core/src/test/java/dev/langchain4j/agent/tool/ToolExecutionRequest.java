package dev.langchain4j.agent.tool;

/** Stand-in with the name and accessors of LangChain4j's ToolExecutionRequest. */
public final class ToolExecutionRequest {
    private final String name;
    private final String arguments;

    private ToolExecutionRequest(String name, String arguments) {
        this.name = name;
        this.arguments = arguments;
    }

    public static ToolExecutionRequest of(String name, String arguments) {
        return new ToolExecutionRequest(name, arguments);
    }

    public String name() {
        return name;
    }

    public String arguments() {
        return arguments;
    }
}
