package dev.toolgate.e2e.apps.attach;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Calls its tools before any agent is there (so their class is loaded and run unwoven), says READY, waits until
 * the file {@code go} appears in its working directory (the test creates it after attaching), then calls them
 * again.
 */
public final class LateAttachApp {

    private LateAttachApp() {}

    public static void main(String[] args) throws Exception {
        OpsTools tools = new OpsTools();
        call("before", "read_status", tools::readStatus);
        call("before", "purge_all", tools::purgeAll);
        System.out.println("READY");
        System.out.flush();
        Path go = Path.of("go");
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                System.out.println("NO GO");
                System.exit(3);
            }
            Thread.sleep(20);
        }
        call("after", "read_status", tools::readStatus);
        call("after", "purge_all", tools::purgeAll);
        System.out.println("DONE");
    }

    private static void call(String when, String tool, Supplier<String> body) {
        try {
            System.out.println("CALL " + when + " " + tool + " RAN " + body.get());
        } catch (SecurityException e) {
            System.out.println("CALL " + when + " " + tool + " REFUSED " + e.getMessage());
        }
    }
}
