package dev.toolgate.agent.instrument;

/** How a method came to be treated as a tool. */
public enum ToolSource {
    AGENT_TOOL("dev.toolgate.api.AgentTool"),
    LANGCHAIN4J("dev.langchain4j.agent.tool.Tool"),
    SPRING_AI("org.springframework.ai.tool.annotation.Tool"),
    POLICY(null);

    private final String annotation;

    ToolSource(String annotation) {
        this.annotation = annotation;
    }

    /** The annotation type that marks tools of this source, or null for policy-selected methods. */
    public String annotation() {
        return annotation;
    }
}
