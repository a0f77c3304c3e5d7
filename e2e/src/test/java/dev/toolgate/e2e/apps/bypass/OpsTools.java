package dev.toolgate.e2e.apps.bypass;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import java.util.List;

/** The tools the agent may call. Bodies print {@code BODY <tool> <arguments>} first. */
public class OpsTools {

    private final ScriptRunner scripts = new ScriptRunner(this);

    /** Runs "code" the model wrote: here, one of the escape attempts of {@link ScriptRunner}. */
    @AgentTool(name = "script", risk = Risk.READ)
    public String script(String attempt) {
        System.out.println("BODY script " + attempt);
        return scripts.run(attempt);
    }

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

    /** Waits, once started, until the caller has changed the list it passed (see {@link ListHandshake}). */
    @AgentTool(name = "apply_manifests", risk = Risk.MODIFY)
    public String applyManifests(List<String> manifests) {
        ListHandshake.bodyStarted();
        System.out.println("BODY apply_manifests " + manifests);
        manifests.add("added-by-body.yaml");
        return "applied " + manifests.size();
    }
}
