package dev.toolgate.e2e.apps.audit;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;

/** Tools of each risk class whose results carry their argument, so a test can find each call in the audit. */
public class AuditTools {

    @AgentTool(name = "audit_record", risk = Risk.MODIFY)
    public String record(String id) {
        return "recorded:" + id;
    }

    @AgentTool(name = "audit_lookup", risk = Risk.READ)
    public String lookup(String id) {
        return "found:" + id;
    }

    @AgentTool(name = "audit_purge", risk = Risk.DELETE)
    public String purge(String id) {
        return "purged:" + id;
    }
}
