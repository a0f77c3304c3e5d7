package dev.toolgate.agent.dispatch;

import dev.toolgate.agent.policy.RiskLevel;

/**
 * What is known of a tool an MCP server serves, as its client holds it.
 *
 * @param server the client-side name of the connection (LangChain4j's {@code McpClient.key()}, Spring AI's client
 *               info name), null when it cannot be read: never the server's own {@code serverInfo}, which a hostile
 *               server chooses
 * @param tool   the tool's name as the server declares it, null when it is the name the model used
 * @param readOnlyHint    the server's annotations, null where it gave none
 * @param destructiveHint see above
 * @param openWorldHint   see above
 */
public record McpTool(
        String server, String tool, Boolean readOnlyHint, Boolean destructiveHint, Boolean openWorldHint) {

    /**
     * The risk class the annotations claim: read-only → READ, else destructive → DELETE, else open-world →
     * EXTERNAL, else MODIFY; null when the server annotated nothing (the highest class applies). Only claims:
     * the policy's {@code tools:} entry wins, and no claim grants a permission.
     */
    public RiskLevel claimedRisk() {
        if (readOnlyHint == null && destructiveHint == null && openWorldHint == null) {
            return null;
        }
        if (Boolean.TRUE.equals(readOnlyHint)) {
            return RiskLevel.READ;
        }
        if (Boolean.TRUE.equals(destructiveHint)) {
            return RiskLevel.DELETE;
        }
        if (Boolean.TRUE.equals(openWorldHint)) {
            return RiskLevel.EXTERNAL;
        }
        return RiskLevel.MODIFY;
    }

    /** {@code mcp:SERVER/TOOL}, the name a policy uses to scope a rule to one server; null without a server. */
    public String qualifiedName(String modelName) {
        return server == null ? null : "mcp:" + server + "/" + (tool == null ? modelName : tool);
    }

    McpTool withHints(Boolean readOnly, Boolean destructive, Boolean openWorld) {
        return new McpTool(server, tool, readOnly, destructive, openWorld);
    }
}
