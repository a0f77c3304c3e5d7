package dev.toolgate.agent.instrument;

/** How a method came to be treated as a tool. */
public enum ToolSource {
    AGENT_TOOL("dev.toolgate.api.AgentTool"),
    LANGCHAIN4J("dev.langchain4j.agent.tool.Tool"),
    SPRING_AI("org.springframework.ai.tool.annotation.Tool"),
    POLICY(null),
    /** A tool reached at a LangChain4j {@code ToolExecutor} (a programmatic or dynamic tool). */
    LANGCHAIN4J_DISPATCH(null),
    /** A tool reached at a Spring AI {@code ToolCallback} (a function or custom callback). */
    SPRING_AI_DISPATCH(null),
    /** A tool of an MCP server, reached through a framework's MCP client. */
    MCP(null);

    private final String annotation;

    ToolSource(String annotation) {
        this.annotation = annotation;
    }

    /** The annotation type that marks tools of this source, or null for policy-selected and dispatched tools. */
    public String annotation() {
        return annotation;
    }
}
