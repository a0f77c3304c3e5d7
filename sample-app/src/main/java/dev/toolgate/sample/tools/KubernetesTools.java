package dev.toolgate.sample.tools;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import dev.toolgate.sample.world.World;

/** kubectl against the in-memory cluster. */
public final class KubernetesTools {

    private final World world;

    public KubernetesTools(World world) {
        this.world = world;
    }

    @AgentTool(name = "kubectl_get", risk = Risk.READ)
    public String get(String namespace, String resource) {
        world.journal().ran("kubectl_get", namespace, resource);
        return world.cluster().get(namespace, resource);
    }

    @AgentTool(name = "kubectl_apply", risk = Risk.MODIFY)
    public String apply(String namespace, String resource) {
        world.journal().ran("kubectl_apply", namespace, resource);
        boolean existed = world.cluster().has(namespace, resource);
        world.cluster().put(namespace, resource, "applied");
        return resource + (existed ? " configured" : " created");
    }

    @AgentTool(name = "kubectl_delete", risk = Risk.DELETE)
    public String delete(String namespace, String resource) {
        world.journal().ran("kubectl_delete", namespace, resource);
        return world.cluster().remove(namespace, resource)
                ? resource + " deleted"
                : "Error from server (NotFound): " + resource + " not found in namespace " + namespace;
    }
}
