package dev.toolgate.bench;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.service.tool.ToolExecutor;

/**
 * A programmatic LangChain4j tool, gated at the dispatch point (no annotated method behind it): the same trivial
 * work as {@link BenchTools}, reading its one argument from the request's JSON as a real executor would have to.
 */
public final class BenchExecutor implements ToolExecutor {

    public static final String TOOL = "bench_dispatched";

    @Override
    public String execute(ToolExecutionRequest request, Object memoryId) {
        return Integer.toString(request.arguments().length());
    }
}
