package dev.toolgate.e2e.apps.approval;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes the tool calls named on the command line, {@code tool:arg1:arg2}, one after the other; a word
 * {@code parallel:N} deletes N pods from N threads at once; {@code flood:N} does so without waiting for them (the
 * next words run while they wait; they are joined at the end); {@code wait:FILE} waits (up to two minutes) until FILE
 * exists, for a test that must act between two calls. Prints {@code CALL <tool> <arg1> RAN|REFUSED ...}.
 */
public final class ApprovalApp {

    private ApprovalApp() {}

    public static void main(String[] args) throws Exception {
        OpsTools tools = new OpsTools();
        List<Thread> flood = new ArrayList<>();
        for (String word : args) {
            String[] parts = word.split(":", 3);
            if (parts[0].equals("parallel") || parts[0].equals("flood")) {
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < Integer.parseInt(parts[1]); i++) {
                    String name = "pod-" + i;
                    Thread thread = new Thread(() -> call(tools, "kubectl_delete", "production", name));
                    thread.start();
                    threads.add(thread);
                }
                if (parts[0].equals("flood")) {
                    flood.addAll(threads);
                    continue;
                }
                for (Thread thread : threads) {
                    thread.join();
                }
            } else if (parts[0].equals("wait")) {
                java.nio.file.Path file = java.nio.file.Path.of(parts[1]);
                for (int i = 0; i < 1_200 && !java.nio.file.Files.exists(file); i++) {
                    Thread.sleep(100);
                }
                System.out.println("WAITED " + parts[1] + " " + java.nio.file.Files.exists(file));
            } else {
                call(tools, parts[0], parts[1], parts[2]);
            }
        }
        for (Thread thread : flood) {
            thread.join();
        }
        System.out.println("APP DONE");
    }

    private static void call(OpsTools tools, String tool, String first, String second) {
        try {
            String result = switch (tool) {
                case "kubectl_get" -> tools.kubectlGet(first, second);
                case "kubectl_delete" -> tools.kubectlDelete(first, second);
                case "send_email" -> tools.sendEmail(first, second);
                default -> throw new IllegalArgumentException(tool);
            };
            System.out.println("CALL " + tool + " " + first + " " + second + " RAN " + result);
        } catch (SecurityException refused) {
            System.out.println("CALL " + tool + " " + first + " " + second + " REFUSED " + refused.getMessage());
        }
    }
}
