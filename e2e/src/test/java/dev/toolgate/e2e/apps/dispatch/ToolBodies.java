package dev.toolgate.e2e.apps.dispatch;

/**
 * What the tools do, whichever way a framework reaches them: print their marker first, then answer. The result
 * text names the tool so that the model's view can be told from a refusal.
 */
public final class ToolBodies {

    private ToolBodies() {}

    public static String run(String scenario, String tool, String arguments) {
        DispatchScenario.body(scenario, tool, arguments);
        return "ok from " + tool;
    }
}
