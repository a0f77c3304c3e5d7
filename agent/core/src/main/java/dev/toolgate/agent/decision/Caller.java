package dev.toolgate.agent.decision;

/**
 * Who makes a call, fully resolved.
 *
 * @param role null when neither a scope nor the configuration names one
 */
public record Caller(String agentId, String role, String sessionId) {}
