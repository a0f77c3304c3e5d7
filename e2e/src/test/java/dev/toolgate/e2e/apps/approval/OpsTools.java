package dev.toolgate.e2e.apps.approval;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;

/** Tools of the three risk classes that need attention. Bodies say when they run. */
public class OpsTools {

    @AgentTool(name = "kubectl_get", risk = Risk.READ)
    public String kubectlGet(String namespace, String name) {
        System.out.println("BODY kubectl_get " + namespace + "/" + name);
        return "pod " + name;
    }

    @AgentTool(name = "kubectl_delete", risk = Risk.DELETE)
    public String kubectlDelete(String namespace, String name) {
        System.out.println("BODY kubectl_delete " + namespace + "/" + name);
        return "deleted " + name;
    }

    @AgentTool(name = "send_email", risk = Risk.EXTERNAL)
    public String sendEmail(String to, String body) {
        System.out.println("BODY send_email " + to);
        return "sent to " + to;
    }
}
