package dev.toolgate.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real JVM, with or without the real agent jar attached, runs a main class and collects what happened.
 */
public final class ForkedJvm {

    private final Jdks.Jdk jdk;
    private final List<String> classPath = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String agentArguments;
    private boolean withAgent = true;
    private Path agentJar;
    private String mainClass;
    private final List<String> arguments = new ArrayList<>();
    private Path workDir;
    private long timeoutSeconds = 120;
    private Wrapper wrapper = Wrapper.NONE;

    private ForkedJvm(Jdks.Jdk jdk) {
        this.jdk = jdk;
    }

    public static ForkedJvm on(Jdks.Jdk jdk) {
        return new ForkedJvm(jdk);
    }

    public static Path agentJar() {
        Path jar = Path.of(System.getProperty("toolgate.agent.jar", "../agent/core/target/toolgate-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "agent jar not built at " + jar.toAbsolutePath() + "; run mvn verify from the project root");
        }
        return jar.toAbsolutePath();
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("toolgate.project.dir", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** The class path of the tests themselves: test classes, the API and the test dependencies. */
    public static List<String> testClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(path.split(File.pathSeparator));
    }

    /** A fresh directory for one run. */
    public static Path freshWorkDir(String name) throws IOException {
        Path base = Path.of(System.getProperty("toolgate.work.dir", "target/e2e-work"));
        Files.createDirectories(base);
        return Files.createTempDirectory(base.toAbsolutePath(), name + "-");
    }

    public ForkedJvm classPath(List<String> entries) {
        classPath.addAll(entries);
        return this;
    }

    /** Forks with {@link #testClassPath()} as the class path. */
    public ForkedJvm withTestClassPath() {
        return classPath(testClassPath());
    }

    /** The agent arguments, as in {@code -javaagent:toolgate-agent.jar=ARGS}. */
    public ForkedJvm agent(String arguments) {
        this.agentArguments = arguments;
        return this;
    }

    /** Attaches this jar instead of the one the build made. */
    public ForkedJvm agentJar(Path jar) {
        this.agentJar = jar;
        return this;
    }

    public ForkedJvm withoutAgent() {
        this.withAgent = false;
        return this;
    }

    public ForkedJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    public ForkedJvm env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public ForkedJvm workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    public ForkedJvm timeoutSeconds(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    public ForkedJvm main(String className, String... args) {
        this.mainClass = className;
        arguments.addAll(List.of(args));
        return this;
    }

    /** Runs to completion; the audit file is {@code audit.jsonl} in the work directory. */
    public JvmRun run() throws IOException, InterruptedException {
        RunningJvm running = start();
        Process process = running.process();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("forked JVM did not finish within " + timeoutSeconds + " s: "
                    + process.info().commandLine().orElse(mainClass) + "\n" + Files.readString(running.stderr()));
        }
        return running.finished();
    }

    /** Runs the JVM inside a pseudo-terminal (util-linux {@code script}), so it has a controlling terminal. */
    public ForkedJvm withTerminal() {
        this.wrapper = Wrapper.TERMINAL;
        return this;
    }

    /** Runs the JVM in a new session without a controlling terminal ({@code setsid}). */
    public ForkedJvm withoutTerminal() {
        this.wrapper = Wrapper.NO_TERMINAL;
        return this;
    }

    /** Starts the JVM and returns at once, for tests that watch or kill it while it runs. */
    public RunningJvm start() throws IOException {
        Path dir = workDir != null ? workDir : freshWorkDir(mainClass.substring(mainClass.lastIndexOf('.') + 1));
        Path audit = dir.resolve("audit.jsonl");
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.add("-Xshare:auto");
        if (withAgent) {
            command.add("-javaagent:" + (agentJar != null ? agentJar : agentJar())
                    + (agentArguments == null ? "" : "=" + agentArguments));
            command.add("-Dtoolgate.audit.file=" + audit);
        }
        command.addAll(jvmOptions);
        if (!classPath.isEmpty()) {
            command.add("-cp");
            command.add(String.join(File.pathSeparator, classPath));
        }
        command.add(mainClass);
        command.addAll(arguments);

        command = wrapper.wrap(command);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("TOOLGATE_") || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new RunningJvm(builder.start(), out, err, withAgent ? audit : null);
    }

    private enum Wrapper {
        NONE,
        TERMINAL,
        NO_TERMINAL;

        List<String> wrap(List<String> command) {
            if (this == NONE) {
                return command;
            }
            if (this == NO_TERMINAL) {
                List<String> wrapped = new ArrayList<>(List.of("setsid", "--wait"));
                wrapped.addAll(command);
                return wrapped;
            }
            StringBuilder line = new StringBuilder();
            for (String word : command) {
                line.append('\'').append(word.replace("'", "'\\''")).append("' ");
            }
            return List.of("script", "--quiet", "--flush", "--return", "--command", line.toString(), "/dev/null");
        }
    }

    /**
     * Runs the agent jar's command line, {@code java -jar toolgate-agent.jar ARGS}, on this JDK.
     *
     * @return exit code and output; the audit file is null
     */
    public static JvmRun cli(Jdks.Jdk jdk, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(jdk.java().toString(), "-jar", agentJar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("toolgate " + String.join(" ", args) + " did not finish");
        }
        return new JvmRun(
                process.exitValue(),
                new String(stdout, StandardCharsets.UTF_8),
                new String(stderr, StandardCharsets.UTF_8),
                null);
    }
}
