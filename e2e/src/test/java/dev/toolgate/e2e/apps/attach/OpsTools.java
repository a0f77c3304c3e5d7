package dev.toolgate.e2e.apps.attach;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;

/** Tools that print when their bodies run, so a test sees whether the gate let them. */
public class OpsTools {

    @AgentTool(name = "read_status", risk = Risk.READ)
    public String readStatus() {
        System.out.println("BODY read_status");
        return "status ok";
    }

    @AgentTool(name = "purge_all", risk = Risk.DELETE)
    public String purgeAll() {
        System.out.println("BODY purge_all");
        return "purged";
    }
}
