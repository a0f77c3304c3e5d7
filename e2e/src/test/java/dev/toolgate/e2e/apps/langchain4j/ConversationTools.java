package dev.toolgate.e2e.apps.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.toolgate.e2e.apps.conversations.InfraTools;

/** The tools every conversation is offered; the role the memory id names decides which may run. */
public class ConversationTools {

    @Tool(name = "kubectl_get", value = "Lists pods")
    public String kubectlGet() {
        return InfraTools.kubectlGet();
    }

    @Tool(name = "sql_read", value = "Counts orders")
    public String sqlRead() {
        return InfraTools.sqlRead();
    }
}
