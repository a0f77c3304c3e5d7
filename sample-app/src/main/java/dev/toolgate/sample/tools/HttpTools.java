package dev.toolgate.sample.tools;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import dev.toolgate.sample.world.World;

/** HTTP calls to outside APIs, answered locally; no socket is ever opened. */
public final class HttpTools {

    private final World world;

    public HttpTools(World world) {
        this.world = world;
    }

    @AgentTool(name = "api_get", risk = Risk.READ)
    public String get(String url) {
        world.journal().ran("api_get", url);
        String page = world.page(url);
        return page != null
                ? "HTTP/1.1 200 OK\n" + page
                : "HTTP/1.1 200 OK\n{\"status\":\"ok\",\"source\":\"" + url + "\"}";
    }

    @AgentTool(name = "api_post", risk = Risk.EXTERNAL)
    public String post(String url, String body) {
        world.journal().ran("api_post", url, body);
        return "HTTP/1.1 201 Created";
    }
}
