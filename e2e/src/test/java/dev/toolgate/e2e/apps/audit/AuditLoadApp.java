package dev.toolgate.e2e.apps.audit;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Calls tools from several threads for a while and prints a line after every call that returned:
 * {@code RETURNED <id>} or {@code REFUSED <id> <reason>}, flushed, so a test that kills this JVM knows which calls
 * had returned. Arguments: threads, seconds, pause between calls in microseconds, tool (record, lookup or purge),
 * and optionally "mbean" to print the audit counters Toolgate exposes over JMX at the end.
 */
public final class AuditLoadApp {

    private AuditLoadApp() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        long seconds = Long.parseLong(args[1]);
        long pauseMicros = Long.parseLong(args[2]);
        String tool = args.length > 3 ? args[3] : "record";
        boolean mbean = args.length > 4 && args[4].equals("mbean");
        String run = Long.toString(ProcessHandle.current().pid());
        AuditTools tools = new AuditTools();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong returned = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String prefix = run + "-t" + t + "-";
            Thread worker = new Thread(
                    () -> {
                        long i = 0;
                        do {
                            String id = prefix + i++;
                            String line;
                            try {
                                String result = switch (tool) {
                                    case "lookup" -> tools.lookup(id);
                                    case "purge" -> tools.purge(id);
                                    default -> tools.record(id);
                                };
                                line = "RETURNED " + id + " " + result;
                                returned.incrementAndGet();
                            } catch (SecurityException refusal) {
                                line = "REFUSED " + id + " " + refusal.getMessage();
                                refused.incrementAndGet();
                            }
                            synchronized (System.out) {
                                System.out.println(line);
                                System.out.flush();
                            }
                            if (pauseMicros > 0) {
                                pause(pauseMicros);
                            }
                        } while (System.nanoTime() < end);
                    },
                    "caller-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (mbean) {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("dev.toolgate:type=AuditLog");
            for (String attribute : List.of(
                    "EventsQueued",
                    "EventsWritten",
                    "EventsFailed",
                    "EventsDropped",
                    "QueueCapacity",
                    "Fsyncs",
                    "AlertsSent")) {
                System.out.println("MBEAN " + attribute + "=" + server.getAttribute(name, attribute));
            }
        }
        System.out.println("DONE returned=" + returned.get() + " refused=" + refused.get());
        System.out.flush();
    }

    private static void pause(long micros) {
        long until = System.nanoTime() + micros * 1_000;
        while (System.nanoTime() < until) {
            if (micros >= 1_000) {
                try {
                    Thread.sleep(micros / 1_000);
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
