package dev.toolgate.sample.tools;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import dev.toolgate.sample.world.Email;
import dev.toolgate.sample.world.World;

/** Outgoing mail, kept in the outbox instead of being delivered. */
public final class MailTools {

    private final World world;

    public MailTools(World world) {
        this.world = world;
    }

    @AgentTool(name = "send_email", risk = Risk.EXTERNAL)
    public String send(String to, String subject, String body) {
        world.journal().ran("send_email", to, subject);
        world.outbox().send(new Email(to, subject, body));
        return "250 2.0.0 queued for " + to;
    }
}
