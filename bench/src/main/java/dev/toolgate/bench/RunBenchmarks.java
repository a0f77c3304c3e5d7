package dev.toolgate.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link ToolCallBenchmark} twice in one go, in forked JVMs without the agent and with it, and prints the
 * time the agent adds per tool call.
 *
 * <p>Run from the project directory after building the agent and this module:
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.toolgate.bench.RunBenchmarks
 * }</pre>
 * System properties: {@code toolgate.agent.jar} (default {@code agent/core/target/toolgate-agent.jar}),
 * {@code bench.forks} (2), {@code bench.warmup} (3), {@code bench.iterations} (5), {@code bench.seconds} (1),
 * {@code bench.gc} (true: add JMH's GC profiler), {@code bench.include} (a regular expression over benchmark
 * method names, default all), {@code bench.keep} (false: keep the temporary directory with the audit file).
 *
 * <p>The policy, a copy of the agent jar and the audit file go to a new directory under {@code java.io.tmpdir}.
 * The audit file grows fast: the benchmarks call tools millions of times, and every allowed call writes two
 * lines of about 700 bytes, some 200 MB per second of measurement and over 10 GB for a full run. The directory is
 * deleted at the end unless {@code bench.keep} is set.
 */
public final class RunBenchmarks {

    static final String ROLE = "bench_agent";

    private static final long MIN_FREE_GIGABYTES = 20;

    private static final String POLICY = String.join(
            "\n",
            "version: 1",
            "roles:",
            "  " + ROLE + ":",
            "    description: The benchmark's caller.",
            "    allowed_tools: [" + BenchTools.ALLOWED_TOOL + ", " + BenchExecutor.TOOL + "]",
            "    denied_tools: [" + BenchTools.DENIED_TOOL + "]",
            "tools:",
            "  " + BenchTools.ALLOWED_TOOL + ": {risk: read}",
            "  " + BenchTools.DENIED_TOOL + ": {risk: read}",
            "  " + BenchExecutor.TOOL + ": {risk: read}",
            "");

    private static final List<String> ORDER = List.of(
            "baseline",
            "allowedCall",
            "allowedCallInScope",
            "deniedCall",
            "dispatchedCall",
            "pacedBaseline",
            "pacedAllowedCall",
            "pacedDispatchedCall");

    private RunBenchmarks() {}

    public static void main(String[] args) throws IOException, RunnerException {
        Path builtJar = Path.of(System.getProperty("toolgate.agent.jar", "agent/core/target/toolgate-agent.jar"))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(builtJar)) {
            System.err.println("Agent jar not found: " + builtJar + ". Build it first (mvn install -DskipTests) or"
                    + " set -Dtoolgate.agent.jar=/path/to/toolgate-agent.jar.");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("toolgate-bench-").toAbsolutePath();
        long freeGigabytes = Files.getFileStore(work).getUsableSpace() >> 30;
        if (freeGigabytes < MIN_FREE_GIGABYTES) {
            System.err.println("Warning: " + freeGigabytes + " GB free under " + work.getParent() + "; a full run"
                    + " writes over 10 GB of audit events. Shorten it (-Dbench.forks=1 -Dbench.iterations=3) or"
                    + " point java.io.tmpdir elsewhere.");
        }
        // The forks use a private copy, so a rebuild of the agent during the run cannot change or break it.
        Path agentJar = copyAgentJar(builtJar, work.resolve("toolgate-agent.jar"));
        Path policy = Files.writeString(work.resolve("bench-policy.yaml"), POLICY, StandardCharsets.UTF_8);
        Path audit = work.resolve("audit.jsonl");
        Path probeWithout = work.resolve("probe-without-agent.tsv");
        Path probeWith = work.resolve("probe-with-agent.tsv");
        boolean keep = Boolean.getBoolean("bench.keep");
        try {
            System.out.println("Agent jar:  " + builtJar + " (copied to " + agentJar + ")");
            System.out.println("Policy:     " + policy);
            System.out.println("Audit file: " + audit + (keep ? "" : " (deleted at the end)"));

            Collection<RunResult> without = new Runner(options()
                            .jvmArgsAppend("-D" + Probe.PROBE_FILE_PROPERTY + "=" + probeWithout)
                            .build())
                    .run();
            Collection<RunResult> with = new Runner(options()
                            .jvmArgsAppend(
                                    "-javaagent:" + agentJar + "=policy=" + policy + ",role=" + ROLE,
                                    "-Dtoolgate.audit.file=" + audit,
                                    "-D" + Probe.PROBE_FILE_PROPERTY + "=" + probeWith)
                            .build())
                    .run();

            long auditBytes = Files.exists(audit) ? Files.size(audit) : 0;
            long auditLines = Files.exists(audit) ? countLines(audit) : 0;
            report(
                    System.out,
                    byName(without),
                    byName(with),
                    readProbe(probeWithout),
                    readProbe(probeWith),
                    auditBytes,
                    auditLines);
        } finally {
            if (!keep) {
                deleteRecursively(work);
            }
        }
    }

    private static ChainedOptionsBuilder options() {
        int forks = Integer.getInteger("bench.forks", 2);
        int warmup = Integer.getInteger("bench.warmup", 3);
        int iterations = Integer.getInteger("bench.iterations", 5);
        int seconds = Integer.getInteger("bench.seconds", 1);
        String include = System.getProperty("bench.include", ".*");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ToolCallBenchmark.class.getName() + "\\.(" + include + ")$")
                .forks(forks)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .jvmArgs("-Xms1g", "-Xmx1g");
        if (Boolean.parseBoolean(System.getProperty("bench.gc", "true"))) {
            options = options.addProfiler(GCProfiler.class);
        }
        return options;
    }

    // ---------------------------------------------------------------------------------------------- reporting

    private static final String AVGT = "avgt";
    private static final String SAMPLE = "sample";

    private static void report(
            PrintStream out,
            Map<String, RunResult> without,
            Map<String, RunResult> with,
            Map<String, ProbeTotals> probeWithout,
            Map<String, ProbeTotals> probeWith,
            long auditBytes,
            long auditLines) {
        out.println();
        out.println("Toolgate tool-call cost, " + LocalDate.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + System.getProperty("java.version"));
        out.println("ns per call. mean: AverageTime, with its 99.9% confidence half-width. median, p90, p99:"
                + " SampleTime (single calls, clock reads included).");
        out.println();
        out.println(String.format(
                Locale.ROOT,
                "%-20s | %-7s | %19s | %9s | %9s | %9s",
                "benchmark",
                "agent",
                "mean",
                "median",
                "p90",
                "p99"));
        out.println("-".repeat(89));
        for (String name : ORDER) {
            row(out, name, "without", without);
            row(out, name, "with", with);
        }

        out.println();
        out.println("Added by the agent (with minus without, same run):");
        out.println(String.format(
                Locale.ROOT,
                "%-20s | %11s | %13s | %10s | %12s",
                "benchmark",
                "added mean",
                "added median",
                "ratio mean",
                "ratio median"));
        out.println("-".repeat(80));
        for (String name : ORDER) {
            Statistics offMean = stats(without, name, AVGT);
            Statistics onMean = stats(with, name, AVGT);
            Statistics offSample = stats(without, name, SAMPLE);
            Statistics onSample = stats(with, name, SAMPLE);
            if (offMean == null && offSample == null || onMean == null && onSample == null) {
                continue;
            }
            out.println(String.format(
                    Locale.ROOT,
                    "%-20s | %11s | %13s | %10s | %12s",
                    name,
                    offMean == null || onMean == null ? "n/a" : fmt(onMean.getMean() - offMean.getMean()),
                    offSample == null || onSample == null
                            ? "n/a"
                            : fmt(onSample.getPercentile(50) - offSample.getPercentile(50)),
                    offMean == null || onMean == null ? "n/a" : ratio(onMean.getMean() / offMean.getMean()),
                    offSample == null || onSample == null
                            ? "n/a"
                            : ratio(onSample.getPercentile(50) / offSample.getPercentile(50))));
        }
        Statistics baselineMean = stats(with, "baseline", AVGT);
        Statistics allowedMean = stats(with, "allowedCall", AVGT);
        Statistics baselineSample = stats(with, "baseline", SAMPLE);
        Statistics allowedSample = stats(with, "allowedCall", SAMPLE);
        if (baselineMean != null && allowedMean != null && baselineSample != null && allowedSample != null) {
            out.println(String.format(
                    Locale.ROOT,
                    "Cross-check within the agent's forks, allowedCall minus baseline:"
                            + " %.1f ns mean, %.1f ns median.",
                    allowedMean.getMean() - baselineMean.getMean(),
                    allowedSample.getPercentile(50) - baselineSample.getPercentile(50)));
        }

        out.println();
        out.println("Per call (measurement iterations; AverageTime where run, else SampleTime):");
        out.println(String.format(
                Locale.ROOT,
                "%-20s | %-7s | %8s | %11s | %11s | %10s | %9s | %9s",
                "benchmark",
                "agent",
                "gc B/op",
                "caller B/op",
                "writer B/op",
                "audit B/op",
                "waiting",
                "waits/s"));
        out.println("-".repeat(110));
        for (String name : ORDER) {
            String mode = without.containsKey(key(name, AVGT)) || with.containsKey(key(name, AVGT)) ? AVGT : SAMPLE;
            probeRow(out, name, "without", without.get(key(name, mode)), probeWithout.get(key(name, mode)));
            probeRow(out, name, "with", with.get(key(name, mode)), probeWith.get(key(name, mode)));
        }
        out.println("gc B/op: JMH gc.alloc.rate.norm. caller B/op, writer B/op: bytes allocated by the benchmark"
                + " thread and by the audit writer thread, per call. audit B/op: growth of the audit file per"
                + " call. waiting: share of the time the benchmark thread was parked; a tool call parks only"
                + " when the audit queue is full.");
        out.println();
        out.println(String.format(Locale.ROOT, "Audit file at the end: %,d bytes, %,d lines.", auditBytes, auditLines));
    }

    private static void row(PrintStream out, String name, String agent, Map<String, RunResult> results) {
        Statistics mean = stats(results, name, AVGT);
        Statistics sample = stats(results, name, SAMPLE);
        if (mean == null && sample == null) {
            return;
        }
        out.println(String.format(
                Locale.ROOT,
                "%-20s | %-7s | %19s | %9s | %9s | %9s",
                name,
                agent,
                mean == null ? "n/a" : fmt(mean.getMean()) + " ± " + fmt(mean.getMeanErrorAt(0.999)),
                sample == null ? "n/a" : fmt(sample.getPercentile(50)),
                sample == null ? "n/a" : fmt(sample.getPercentile(90)),
                sample == null ? "n/a" : fmt(sample.getPercentile(99))));
    }

    private static void probeRow(PrintStream out, String name, String agent, RunResult result, ProbeTotals probe) {
        if (result == null) {
            return;
        }
        long ops = 0;
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                ops += iteration.getMetadata().getAllOps();
            }
        }
        Result<?> gc = result.getSecondaryResults().get("gc.alloc.rate.norm");
        String gcText = gc == null ? "n/a" : fmt(gc.getScore());
        if (probe == null || ops == 0) {
            out.println(String.format(Locale.ROOT, "%-20s | %-7s | %8s |", name, agent, gcText));
            return;
        }
        double seconds = probe.wallNanos / 1e9;
        out.println(String.format(
                Locale.ROOT,
                "%-20s | %-7s | %8s | %11.1f | %11.1f | %10.1f | %8.1f%% | %9.0f",
                name,
                agent,
                gcText,
                (double) probe.callerBytes / ops,
                (double) probe.writerBytes / ops,
                (double) probe.auditBytes / ops,
                100.0 * probe.waitedMillis * 1e6 / probe.wallNanos,
                probe.waits / seconds));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.1fx", value);
    }

    private static Statistics stats(Map<String, RunResult> results, String name, String mode) {
        RunResult result = results.get(key(name, mode));
        return result == null ? null : result.getPrimaryResult().getStatistics();
    }

    private static String key(String name, String mode) {
        return name + "\t" + mode;
    }

    private static Map<String, RunResult> byName(Collection<RunResult> results) {
        Map<String, RunResult> named = new LinkedHashMap<>();
        for (RunResult result : results) {
            named.put(
                    key(
                            shortName(result.getParams().getBenchmark()),
                            result.getParams().getMode().shortLabel()),
                    result);
        }
        return named;
    }

    private static String shortName(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    // ------------------------------------------------------------------------------------------------ probe

    private static final class ProbeTotals {
        long wallNanos;
        long callerBytes;
        long writerBytes;
        long waitedMillis;
        long waits;
        long auditBytes;
    }

    private static Map<String, ProbeTotals> readProbe(Path file) throws IOException {
        Map<String, ProbeTotals> totals = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return totals;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length < 8) {
                continue;
            }
            ProbeTotals t = totals.computeIfAbsent(key(shortName(f[0]), f[1]), k -> new ProbeTotals());
            t.wallNanos += Long.parseLong(f[2]);
            t.callerBytes += Long.parseLong(f[3]);
            t.writerBytes += Long.parseLong(f[4]);
            t.waitedMillis += Long.parseLong(f[5]);
            t.waits += Long.parseLong(f[6]);
            t.auditBytes += Long.parseLong(f[7]);
        }
        return totals;
    }

    // ------------------------------------------------------------------------------------------------ files

    /** Copies the agent jar and checks the copy is a complete agent jar; retries while a build rewrites it. */
    private static Path copyAgentJar(Path built, Path copy) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 12; attempt++) {
            try {
                Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
                try (JarFile jar = new JarFile(copy.toFile())) {
                    Manifest manifest = jar.getManifest();
                    if (manifest != null && manifest.getMainAttributes().getValue("Premain-Class") != null) {
                        return copy;
                    }
                    last = new IOException(built + " has no Premain-Class in its manifest");
                }
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("no usable agent jar at " + built, last);
    }

    private static long countLines(Path file) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
