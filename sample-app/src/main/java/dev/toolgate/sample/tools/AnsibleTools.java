package dev.toolgate.sample.tools;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import dev.toolgate.sample.world.World;

/** ansible-playbook, in check mode or for real; neither touches a host. */
public final class AnsibleTools {

    private final World world;

    public AnsibleTools(World world) {
        this.world = world;
    }

    @AgentTool(name = "ansible_check", risk = Risk.READ)
    public String check(String playbook) {
        world.journal().ran("ansible_check", playbook);
        return "PLAY RECAP (check mode) " + playbook + ": ok=12 changed=2 unreachable=0 failed=0";
    }

    @AgentTool(name = "ansible_run", risk = Risk.MODIFY)
    public String run(String playbook) {
        world.journal().ran("ansible_run", playbook);
        return "PLAY RECAP " + playbook + ": ok=12 changed=2 unreachable=0 failed=0";
    }
}
