package dev.toolgate.agent.policytool;

import dev.toolgate.agent.dispatch.ToolArguments;
import dev.toolgate.agent.policy.RiskLevel;

/**
 * One call to explain: who calls which tool with what.
 *
 * @param role         the caller's role
 * @param tool         the tool's name; {@code mcp:SERVER/TOOL} for a tool of an MCP server, which the gate sees
 *                     under both names
 * @param arguments    the arguments by name, read as the gate reads a dispatched call's JSON
 * @param session      the session whose budgets the call counts against
 * @param declaredRisk the risk the code or the MCP server would declare, or null
 */
public record CallSpec(String role, String tool, ToolArguments arguments, String session, RiskLevel declaredRisk) {}
