package dev.toolgate.agent.alert;

/**
 * One alert: a high-risk call was decided.
 *
 * @param summary one line for people, e.g. "Toolgate: deny delete tool 'kubectl_delete' for role …"
 * @param event   the audit event as written to the audit file (one JSON object)
 * @param seq     the event's seq in the audit file
 */
public record Alert(String summary, String event, long seq) {}
