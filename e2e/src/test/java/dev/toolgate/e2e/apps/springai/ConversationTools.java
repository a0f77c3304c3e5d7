package dev.toolgate.e2e.apps.springai;

import dev.toolgate.e2e.apps.conversations.InfraTools;
import org.springframework.ai.tool.annotation.Tool;

/** The tools every conversation is offered; the role the ToolContext names decides which may run. */
public class ConversationTools {

    @Tool(name = "kubectl_get", description = "Lists pods")
    public String kubectlGet() {
        return InfraTools.kubectlGet();
    }

    @Tool(name = "sql_read", description = "Counts orders")
    public String sqlRead() {
        return InfraTools.sqlRead();
    }
}
