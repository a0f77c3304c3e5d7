package dev.toolgate.e2e.apps.reload;

import dev.toolgate.api.AgentTool;
import dev.toolgate.api.Risk;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A long-running agent whose policy the test changes under it. Commands on standard input, one per line; each is
 * answered by lines ending in {@code DONE n}, n counting commands from 1:
 * <ul>
 *   <li>{@code call TOOL}: calls {@code ping} or {@code wipe}; prints {@code CALL TOOL allowed} or
 *       {@code CALL TOOL denied: REASON};</li>
 *   <li>{@code storm-start}: a thread calls {@code wipe} and {@code ping} without pause until
 *       {@code storm-stop}, which prints {@code STORM calls=N bad=M first=…}: a call counts as bad when
 *       {@code wipe} (denied by every policy of the test) runs, or a refusal says there is no usable policy;</li>
 *   <li>{@code quit}.</li>
 * </ul>
 */
public final class ReloadApp {

    /** The tools. */
    public static class Tools {
        @AgentTool(name = "ping", risk = Risk.READ)
        public String ping() {
            return "pong";
        }

        @AgentTool(name = "wipe", risk = Risk.DELETE)
        public String wipe() {
            return "wiped";
        }
    }

    private static final Tools TOOLS = new Tools();

    private ReloadApp() {}

    public static void main(String[] args) throws Exception {
        System.out.println("PID " + ProcessHandle.current().pid());
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Storm storm = null;
        int n = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            n++;
            if (line.startsWith("call ")) {
                String tool = line.substring(5).trim();
                String reason = call(tool);
                System.out.println("CALL " + tool + (reason == null ? " allowed" : " denied: " + reason));
            } else if (line.equals("storm-start")) {
                storm = new Storm();
                storm.start();
            } else if (line.equals("storm-stop") && storm != null) {
                storm.running = false;
                storm.join();
                System.out.println(
                        "STORM calls=" + storm.calls.get() + " bad=" + storm.bad.get() + " first=" + storm.first.get());
            } else if (line.equals("quit")) {
                System.out.println("DONE " + n);
                return;
            }
            System.out.println("DONE " + n);
        }
    }

    /** @return null when the tool ran, else the refusal's message */
    static String call(String tool) {
        try {
            if (tool.equals("wipe")) {
                TOOLS.wipe();
            } else {
                TOOLS.ping();
            }
            return null;
        } catch (SecurityException refused) {
            return refused.getMessage();
        }
    }

    private static final class Storm extends Thread {
        volatile boolean running = true;
        final AtomicLong calls = new AtomicLong();
        final AtomicLong bad = new AtomicLong();
        final AtomicReference<String> first = new AtomicReference<>("none");

        Storm() {
            super("storm-caller");
        }

        @Override
        public void run() {
            while (running) {
                check("wipe", call("wipe"));
                check("ping", call("ping"));
                // Thousands of calls a second, without filling the disk with audit events.
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
        }

        private void check(String tool, String reason) {
            calls.incrementAndGet();
            boolean wrong = tool.equals("wipe") && reason == null
                    || reason != null
                            && (reason.contains("no policy")
                                    || reason.contains("could not be loaded")
                                    || reason.contains("internal error")
                                    || reason.contains("is not defined in policy"));
            if (wrong) {
                bad.incrementAndGet();
                first.compareAndSet("none", tool + ": " + (reason == null ? "ran" : reason));
            }
        }
    }
}
