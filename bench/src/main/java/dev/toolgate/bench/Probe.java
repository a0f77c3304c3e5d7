package dev.toolgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Measures, around each measurement iteration and outside the timed code, what the timings alone do not show:
 * how long the benchmark thread spent waiting (a caller waits only when the audit queue is full), how many bytes
 * the benchmark thread and the audit writer thread allocated, and how much the audit file grew. Each iteration
 * appends one tab-separated line (benchmark, mode, wall ns, caller bytes, writer bytes, waited ms,
 * waits, audit bytes) to the file named by {@value #PROBE_FILE_PROPERTY}; without that property the
 * probe does nothing.
 */
final class Probe {

    static final String PROBE_FILE_PROPERTY = "bench.probe.file";
    static final String WRITER_THREAD = "toolgate-audit-writer";

    private final Path probeFile = pathProperty(PROBE_FILE_PROPERTY);
    private final Path auditFile = pathProperty("toolgate.audit.file");
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private boolean active;
    private String benchmark;
    private long caller;
    private long writer;
    private long startNanos;
    private long callerBytes;
    private long writerBytes;
    private long waitedMillis;
    private long waitedCount;
    private long auditBytes;

    void start(BenchmarkParams benchmarkParams, IterationParams iteration) {
        active = probeFile != null && iteration.getType() == IterationType.MEASUREMENT;
        if (!active) {
            return;
        }
        if (threads.isThreadContentionMonitoringSupported() && !threads.isThreadContentionMonitoringEnabled()) {
            threads.setThreadContentionMonitoringEnabled(true);
        }
        benchmark = benchmarkParams.getBenchmark() + "\t"
                + benchmarkParams.getMode().shortLabel();
        caller = Thread.currentThread().getId();
        writer = findThread(WRITER_THREAD);
        ThreadInfo info = threads.getThreadInfo(caller);
        waitedMillis = info.getWaitedTime();
        waitedCount = info.getWaitedCount();
        auditBytes = fileSize(auditFile);
        writerBytes = writer < 0 ? 0 : threads.getThreadAllocatedBytes(writer);
        callerBytes = threads.getThreadAllocatedBytes(caller);
        startNanos = System.nanoTime();
    }

    void stop() {
        if (!active) {
            return;
        }
        long wallNanos = System.nanoTime() - startNanos;
        long callerAllocated = threads.getThreadAllocatedBytes(caller) - callerBytes;
        long writerAllocated = writer < 0 ? 0 : threads.getThreadAllocatedBytes(writer) - writerBytes;
        ThreadInfo info = threads.getThreadInfo(caller);
        long waited = info.getWaitedTime() - waitedMillis;
        long waits = info.getWaitedCount() - waitedCount;
        long audit = fileSize(auditFile) - auditBytes;
        String line = String.format(
                Locale.ROOT,
                "%s\t%d\t%d\t%d\t%d\t%d\t%d%n",
                benchmark,
                wallNanos,
                callerAllocated,
                writerAllocated,
                waited,
                waits,
                audit);
        try {
            Files.writeString(
                    probeFile, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        active = false;
    }

    private static long findThread(String name) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (name.equals(thread.getName())) {
                return thread.getId();
            }
        }
        return -1;
    }

    private static long fileSize(Path file) {
        try {
            return file == null || !Files.exists(file) ? 0 : Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path pathProperty(String name) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
