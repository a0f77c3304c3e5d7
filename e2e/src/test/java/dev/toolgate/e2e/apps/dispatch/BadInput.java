package dev.toolgate.e2e.apps.dispatch;

import java.util.List;

/**
 * What a hostile or broken model sends: arguments that are not a JSON object, or not within any sane bound, and
 * tool names nobody can have meant. Each call has an id naming what it tries.
 */
public final class BadInput {

    public static final String EMPTY_NAME = "";
    public static final String LONG_NAME = "t".repeat(100_000);
    public static final String UNKNOWN_NAME = "no_such_tool";
    public static final int DEPTH = 10_000;
    public static final int HUGE_CHARS = 16 * 1024 * 1024;

    private BadInput() {}

    /** Calls of {@link DispatchScenario#ECHO} (a registered tool) with arguments it must never be run with. */
    public static List<DispatchScenario.Call> badArguments() {
        String deep = "{\"a\":" + "[".repeat(DEPTH) + "]".repeat(DEPTH) + "}";
        String huge = "{\"text\":\"" + "x".repeat(HUGE_CHARS) + "\"}";
        return List.of(
                new DispatchScenario.Call("not-json", DispatchScenario.ECHO, "this is {not json"),
                new DispatchScenario.Call("array", DispatchScenario.ECHO, "[1,2]"),
                new DispatchScenario.Call("string", DispatchScenario.ECHO, "\"x\""),
                new DispatchScenario.Call("duplicate-keys", DispatchScenario.ECHO, "{\"a\":1,\"a\":2}"),
                new DispatchScenario.Call("deep", DispatchScenario.ECHO, deep),
                new DispatchScenario.Call("huge", DispatchScenario.ECHO, huge));
    }

    /** Calls naming tools by names the gate refuses (the tools exist) or no tool at all. */
    public static List<DispatchScenario.Call> badNames() {
        return List.of(
                new DispatchScenario.Call("empty-name", EMPTY_NAME, "{}"),
                new DispatchScenario.Call("long-name", LONG_NAME, "{}"),
                new DispatchScenario.Call("unknown-name", UNKNOWN_NAME, "{}"));
    }

    /** A well-formed call after all the bad ones: the tool still runs. */
    public static DispatchScenario.Call fine() {
        return new DispatchScenario.Call("fine", DispatchScenario.ECHO, "{\"text\":\"still here\"}");
    }
}
