package dev.toolgate.agent.dispatch;

import dev.toolgate.bootstrap.ToolgateBridge;
import net.bytebuddy.asm.Advice;

/**
 * Woven into LangChain4j's {@code ToolProviderResult.Builder.add(ToolSpecification, ToolExecutor…)}: tells the
 * gate which specification a provider (an MCP tool provider, above all) listed for which executor.
 */
final class ToolListingAdvice {

    private ToolListingAdvice() {}

    @Advice.OnMethodEnter
    static void enter(
            @ListingKey long key, @Advice.Argument(0) Object specification, @Advice.Argument(1) Object executor) {
        ToolgateBridge.toolListed(key, specification, executor);
    }
}
