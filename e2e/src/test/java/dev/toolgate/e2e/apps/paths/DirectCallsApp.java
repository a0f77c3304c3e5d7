package dev.toolgate.e2e.apps.paths;

/** Calls one allowed and one forbidden tool directly, then says it is still alive. */
public final class DirectCallsApp {

    private DirectCallsApp() {}

    public static void main(String[] args) {
        PathTools tools = new PathTools();
        call("allowed_read", () -> tools.read("/a"));
        call("forbidden_delete", () -> tools.delete("/b"));
        System.out.println("APP STILL RUNNING");
    }

    private static void call(String tool, java.util.function.Supplier<String> call) {
        try {
            System.out.println("CALL " + tool + " RAN " + call.get());
        } catch (SecurityException refused) {
            System.out.println("CALL " + tool + " REFUSED " + refused.getMessage());
        }
    }
}
