package dev.toolgate.agent.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.langchain4j.mcp.McpToolExecutor;
import dev.toolgate.agent.policy.RiskLevel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.mcp.SyncMcpToolCallback;
import org.springframework.ai.mcp.SyncMcpToolCallback.Tool;
import org.springframework.ai.mcp.SyncMcpToolCallback.ToolAnnotations;

/** What the frameworks' MCP executors and callbacks tell of a tool: the connection, its name, its claims. */
class McpToolsTest {

    private final McpTools tools = new McpTools();

    /** A specification with metadata, as langchain4j-mcp builds them from the server's tool list. */
    public static final class Specification {
        private final Map<String, Object> metadata;

        Specification(Map<String, Object> metadata) {
            this.metadata = metadata;
        }

        public Map<String, Object> metadata() {
            return metadata;
        }
    }

    @Test
    void aLangChain4jExecutorNamesItsClientKeyAndTheAnnotationsComeFromTheListing() {
        McpToolExecutor executor = new McpToolExecutor(() -> "ops", null);
        McpTool unlisted = tools.read(executor);
        assertEquals("ops", unlisted.server());
        assertNull(unlisted.claimedRisk(), "no annotations known: the highest risk applies");
        assertEquals("mcp:ops/kubectl_delete", unlisted.qualifiedName("kubectl_delete"));

        tools.listed(new Specification(Map.of("destructiveHint", true, "readOnlyHint", false)), executor);
        assertEquals(RiskLevel.DELETE, tools.read(executor).claimedRisk());
    }

    @Test
    void aRenamedLangChain4jToolIsQualifiedByTheServersName() {
        McpTool renamed = tools.read(new McpToolExecutor(() -> "github", "create_issue"));
        assertEquals("mcp:github/create_issue", renamed.qualifiedName("gh_create_issue"));
    }

    @Test
    void aSpringAiCallbackNamesItsClientAndCarriesTheServersAnnotations() {
        McpTool read = tools.read(new SyncMcpToolCallback(
                "ops-client", new Tool("read_logs", new ToolAnnotations(null, true, false, null, false, null))));
        assertEquals("mcp:ops-client/read_logs", read.qualifiedName("ops_client_read_logs"));
        assertEquals(RiskLevel.READ, read.claimedRisk());
        assertEquals(
                RiskLevel.EXTERNAL,
                tools.read(new SyncMcpToolCallback(
                                "c", new Tool("post", new ToolAnnotations(null, false, false, null, true, null))))
                        .claimedRisk());
        assertEquals(
                RiskLevel.MODIFY,
                tools.read(new SyncMcpToolCallback(
                                "c", new Tool("restart", new ToolAnnotations(null, false, false, null, false, null))))
                        .claimedRisk());
        assertNull(
                tools.read(new SyncMcpToolCallback("c", new Tool("bare", null))).claimedRisk());
    }

    @Test
    void otherObjectsAreNoMcpTools() {
        assertNull(tools.read(new Object()));
        assertNull(tools.read(null));
        tools.listed(new Specification(Map.of("title", "x")), new Object());
        assertNull(tools.read(new Object()));
    }
}
