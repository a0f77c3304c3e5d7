package dev.toolgate.agent.dispatch;

/**
 * What a framework's dispatch point is asked to run, as read from its arguments.
 *
 * @param toolName  the tool's name as the model gave it (null when the request names none)
 * @param arguments the arguments as the model wrote them, JSON text (null or blank: none)
 * @param executor  the object that runs the tool (the executor or callback), for the audit and MCP look-ups
 */
public record DispatchRequest(String toolName, String arguments, Object executor) {}
