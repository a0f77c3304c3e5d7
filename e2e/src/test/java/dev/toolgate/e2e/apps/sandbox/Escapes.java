package dev.toolgate.e2e.apps.sandbox;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Escape attempts, each a few lines of what code inside an allowed tool could do. {@link #run} reports how the
 * attempt ended: {@code REFUSED <message>} when the sandbox's SecurityException reached it, {@code OK <detail>}
 * when the operation went through (or failed for reasons of its own), in one line.
 */
public final class Escapes {

    static Path outside;
    static Path victim;
    static Path scratch;
    static int loopbackPort;
    /** Created before any tool call: work submitted to them later must still be contained. */
    static ExecutorService earlyPool;

    static ScheduledExecutorService earlyScheduler;

    private static final Map<String, Callable<String>> ATTEMPTS = new LinkedHashMap<>();

    private Escapes() {}

    static List<String> names() {
        return new ArrayList<>(ATTEMPTS.keySet());
    }

    static String run(String name) {
        try {
            return "OK " + ATTEMPTS.get(name).call();
        } catch (Throwable failed) {
            return describe(failed);
        }
    }

    static String describe(Throwable failed) {
        for (Throwable t = failed; t != null; t = t.getCause()) {
            if (t instanceof SecurityException && String.valueOf(t.getMessage()).startsWith("Toolgate sandbox")) {
                return "REFUSED " + t.getMessage().replace('\n', ' ');
            }
        }
        return "OK failed: " + String.valueOf(failed).replace('\n', ' ');
    }

    private static void add(String name, Callable<String> attempt) {
        ATTEMPTS.put(name, attempt);
    }

    /** Runs {@code op} on another thread made by {@code starter} and reports how it ended there. */
    private static String elsewhere(Callable<String> op, java.util.function.Function<Runnable, Thread> starter)
            throws InterruptedException {
        String[] outcome = new String[1];
        Thread thread = starter.apply(() -> outcome[0] = run(op));
        thread.start();
        thread.join(20_000);
        return "elsewhere " + outcome[0];
    }

    private static String run(Callable<String> op) {
        try {
            return "OK " + op.call();
        } catch (Throwable failed) {
            return describe(failed);
        }
    }

    /** Throws the SecurityException a nested outcome carried, so that {@link #run} reports it. */
    private static String rethrow(String outcome) {
        if (outcome.contains("REFUSED ")) {
            throw new SecurityException(outcome.substring(outcome.indexOf("REFUSED ") + 8));
        }
        return outcome;
    }

    /** A link named {@code rm} to {@code /usr/bin/true}: an allowed program whose arguments the validator reads as rm's. */
    private static String trueNamedRm() throws IOException {
        Path link = scratch.resolve("bin").resolve("rm");
        if (!Files.isSymbolicLink(link)) {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of("/usr/bin/true"));
        }
        return link.toString();
    }

    private static String writeOutside(String name) throws IOException {
        Files.writeString(outside.resolve(name), "escaped");
        return "wrote " + name;
    }

    static {
        // ---- processes
        add("process-builder", () -> "started " + new ProcessBuilder("sh", "-c", "exit 0").start());
        add("runtime-exec", () -> "started " + Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c", "exit 0"}));
        add(
                "process-pipeline",
                () -> "started "
                        + ProcessBuilder.startPipeline(
                                List.of(new ProcessBuilder("echo", "x"), new ProcessBuilder("cat"))));
        add("process-link-to-shell", () -> {
            Path link = scratch.resolve("true");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of("/bin/sh"));
            return "started " + new ProcessBuilder(link.toString(), "-c", "exit 0").start();
        });
        add("program-destructive-arguments", () -> {
            // An allowed program (a link named rm to /usr/bin/true, harmless should it run) with rm's worst arguments.
            return "started " + new ProcessBuilder(trueNamedRm(), "-rf", "/").start();
        });
        // ---- network
        add("socket-metadata-by-name", () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("metadata.test", 443), 500);
                return "connected";
            }
        });
        add("socket-channel-metadata", () -> {
            try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("metadata.test", 443))) {
                return "connected";
            }
        });
        add("async-channel-metadata", () -> {
            try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                channel.connect(new InetSocketAddress("metadata.test", 443)).get(2, TimeUnit.SECONDS);
                return "connected";
            }
        });
        add(
                "http-client-metadata",
                () -> HttpClient.newBuilder()
                                .connectTimeout(java.time.Duration.ofSeconds(1))
                                .build()
                                .send(
                                        HttpRequest.newBuilder(URI.create("https://metadata.test/latest/meta-data/"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        + "");
        add("url-connection-loopback", () -> {
            var connection =
                    URI.create("http://127.0.0.1:" + loopbackPort + "/").toURL().openConnection();
            connection.setConnectTimeout(1000);
            try (var in = connection.getInputStream()) {
                return "read " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        add("socket-loopback", () -> {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), loopbackPort)) {
                socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                return "read " + response.substring(response.indexOf("\r\n\r\n") + 4);
            }
        });
        add("datagram-socket-send", () -> {
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.send(new DatagramPacket(new byte[] {1}, 1, InetAddress.getByName("metadata.test"), 53));
                return "sent";
            }
        });
        add("datagram-channel-connect", () -> {
            try (DatagramChannel channel = DatagramChannel.open()) {
                channel.connect(new InetSocketAddress("metadata.test", 53));
                return "connected";
            }
        });
        add("multi-address-host", () -> {
            StringBuilder seen = new StringBuilder();
            boolean internalRefused = false;
            for (InetAddress address : InetAddress.getAllByName("multi.test")) {
                String outcome = run(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, 443), 300);
                        return "connected";
                    }
                });
                seen.append(address.getHostAddress())
                        .append('=')
                        .append(outcome.startsWith("REFUSED") ? "refused" : "not-refused")
                        .append(' ');
                if (address.getHostAddress().startsWith("169.254.") && outcome.startsWith("REFUSED")) {
                    internalRefused = true;
                }
            }
            if (internalRefused && seen.toString().contains("=not-refused")) {
                throw new SecurityException("Toolgate sandbox refused the internal address only: " + seen);
            }
            return "unexpected " + seen;
        });
        add("server-socket", () -> {
            try (ServerSocket server = new ServerSocket(0)) {
                return "listening on " + server.getLocalPort();
            }
        });
        add("server-socket-channel", () -> {
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(null);
                return "listening";
            }
        });
        add("datagram-server-port", () -> {
            try (DatagramSocket socket = new DatagramSocket(40_123)) {
                return "bound";
            }
        });
        add("unix-socket-docker", () -> {
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of("/var/run/docker.sock"))) {
                return "connected";
            }
        });
        // ---- files
        add("file-output-stream", () -> {
            try (FileOutputStream out =
                    new FileOutputStream(outside.resolve("fos.txt").toFile())) {
                out.write(1);
            }
            return "wrote";
        });
        add("file-writer", () -> {
            try (FileWriter out = new FileWriter(outside.resolve("writer.txt").toFile())) {
                out.write("x");
            }
            return "wrote";
        });
        add("files-write-string", () -> writeOutside("nio.txt"));
        add("random-access-file", () -> {
            try (RandomAccessFile file =
                    new RandomAccessFile(outside.resolve("raf.txt").toFile(), "rw")) {
                file.write(1);
            }
            return "wrote";
        });
        add("file-channel", () -> {
            try (FileChannel channel = FileChannel.open(
                    outside.resolve("channel.txt"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(new byte[] {1}));
            }
            return "wrote";
        });
        add("nio-delete", () -> {
            Files.delete(victim);
            return "deleted";
        });
        add("io-delete", () -> "deleted " + victim.toFile().delete());
        add("delete-on-exit", () -> {
            victim.toFile().deleteOnExit();
            return "scheduled";
        });
        add("nio-move-out-of-tmp", () -> {
            Path inTmp = Files.writeString(scratch.resolve("move-me.txt"), "x");
            Files.move(inTmp, outside.resolve("moved.txt"), StandardCopyOption.REPLACE_EXISTING);
            return "moved";
        });
        add(
                "io-rename",
                () -> "renamed "
                        + victim.toFile()
                                .renameTo(outside.resolve("renamed.txt").toFile()));
        add("nio-create-directory", () -> "created " + Files.createDirectory(outside.resolve("dir")));
        add("io-mkdir", () -> "created " + outside.resolve("dir2").toFile().mkdir());
        add(
                "nio-chmod",
                () -> "changed " + Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rwxrwxrwx")));
        add("io-set-last-modified", () -> "changed " + victim.toFile().setLastModified(0));
        add("temp-file-outside", () -> "created " + File.createTempFile("tg", ".txt", outside.toFile()));
        add("path-dot-dot", () -> {
            try (FileOutputStream out = new FileOutputStream("/tmp/../" + outside.resolve("dotdot.txt"))) {
                out.write(1);
            }
            return "wrote";
        });
        add("path-link-in-tmp", () -> {
            Path link = scratch.resolve("to-outside");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, outside);
            Files.writeString(link.resolve("via-link.txt"), "x");
            return "wrote";
        });
        add("path-dangling-link-nio", () -> {
            Path link = scratch.resolve("dangling-nio");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, outside.resolve("through-dangling-nio.txt"));
            Files.writeString(link, "x");
            return "wrote";
        });
        add("path-dangling-link-io", () -> {
            Path link = scratch.resolve("dangling-io");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, outside.resolve("through-dangling-io.txt"));
            try (FileOutputStream out = new FileOutputStream(link.toFile())) {
                out.write(1);
            }
            return "wrote";
        });
        add("path-proc-self-root", () -> {
            Files.writeString(Path.of("/proc/self/root" + outside.resolve("proc.txt")), "x");
            return "wrote";
        });
        add("read-sensitive-file", () -> {
            try (FileInputStream in = new FileInputStream("/etc/passwd")) {
                return "read " + in.read();
            }
        });
        add("read-sensitive-nio", () -> "read " + Files.readAllBytes(Path.of("/etc/passwd")).length);
        add("read-sensitive-unicode", () -> "read " + Files.readAllBytes(Path.of("/etc/pass\uff57d")).length);
        add(
                "hard-link-to-sensitive",
                () -> "linked " + Files.createLink(scratch.resolve("pw"), Path.of("/etc/passwd")));
        // ---- the JVM
        add("system-exit", () -> {
            System.exit(3);
            return "exited";
        });
        add("runtime-halt", () -> {
            Runtime.getRuntime().halt(3);
            return "halted";
        });
        add("system-load", () -> {
            System.load(scratch.resolve("libescape.so").toString());
            return "loaded";
        });
        add("system-load-library", () -> {
            System.loadLibrary("escape");
            return "loaded";
        });
        add("reflect-into-gate", () -> {
            Field gate = Class.forName("dev.toolgate.bootstrap.ToolgateBridge").getDeclaredField("gate");
            gate.setAccessible(true);
            return "opened " + gate.get(null);
        });
        add("private-lookup-into-gate", () -> {
            Class<?> bridge = Class.forName("dev.toolgate.bootstrap.ToolgateBridge");
            return "looked up " + MethodHandles.privateLookupIn(bridge, MethodHandles.lookup());
        });
        add("unsafe-into-gate", () -> {
            Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            Field gate = Class.forName("dev.toolgate.bootstrap.ToolgateBridge").getDeclaredField("gate");
            Object offset = unsafe.getClass()
                    .getMethod("staticFieldOffset", Field.class)
                    .invoke(unsafe, gate);
            return "offset " + offset;
        });
        // ---- threads and pools
        add("new-thread", () -> rethrow(elsewhere(() -> writeOutside("thread.txt"), Thread::new)));
        add(
                "thread-without-inheritance",
                () -> rethrow(
                        elsewhere(() -> writeOutside("noinherit.txt"), r -> new Thread(null, r, "plain", 0, false))));
        add("virtual-thread", () -> {
            if (Runtime.version().feature() < 21) {
                return "SKIPPED: no virtual threads before Java 21";
            }
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            java.lang.reflect.Method unstarted =
                    Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
            return rethrow(elsewhere(() -> writeOutside("virtual.txt"), r -> {
                try {
                    return (Thread) unstarted.invoke(builder, r);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }));
        });
        add(
                "pool-created-before-call",
                () -> rethrow(earlyPool
                        .submit(() -> run(() -> writeOutside("pool.txt")))
                        .get(20, TimeUnit.SECONDS)));
        add(
                "pool-invoke-all",
                () -> rethrow(earlyPool
                        .invokeAll(List.<Callable<String>>of(() -> run(() -> writeOutside("invokeall.txt"))))
                        .get(0)
                        .get()));
        add(
                "scheduled-before-call",
                () -> rethrow(earlyScheduler
                        .schedule(() -> run(() -> writeOutside("scheduled.txt")), 10, TimeUnit.MILLISECONDS)
                        .get(20, TimeUnit.SECONDS)));
        add(
                "common-pool-submit",
                () -> rethrow(ForkJoinPool.commonPool()
                        .submit(() -> run(() -> writeOutside("fj.txt")))
                        .get(20, TimeUnit.SECONDS)));
        add(
                "completable-future",
                () -> rethrow(CompletableFuture.supplyAsync(() -> run(() -> writeOutside("cf.txt")))
                        .get(20, TimeUnit.SECONDS)));
        add(
                "recursive-task-fork",
                () -> rethrow(ForkJoinPool.commonPool().invoke(new RecursiveTask<String>() {
                    @Override
                    protected String compute() {
                        RecursiveTask<String> child = new RecursiveTask<>() {
                            @Override
                            protected String compute() {
                                return run(() -> writeOutside("forked.txt"));
                            }
                        };
                        child.fork();
                        return child.join();
                    }
                })));
        add("new-pool-in-call", () -> {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                return rethrow(pool.submit(() -> run(() -> writeOutside("newpool.txt")))
                        .get(20, TimeUnit.SECONDS));
            } finally {
                pool.shutdown();
            }
        });
        add("thread-spinning", () -> {
            AtomicInteger refused = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                Thread thread = new Thread(() -> {
                    if (run(() -> writeOutside("spin-" + n + ".txt")).startsWith("REFUSED")) {
                        refused.incrementAndGet();
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(20_000);
            }
            if (refused.get() == threads.size()) {
                throw new SecurityException("Toolgate sandbox refused all " + refused + " threads");
            }
            return "only " + refused + " of " + threads.size() + " refused";
        });
        add("thread-flood", () -> {
            // Threads created (not even started) until something stops the call.
            List<Thread> created = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                created.add(new Thread(() -> {}));
            }
            return "created " + created.size() + " threads";
        });
        add("catch-and-retry", () -> {
            List<String> refusals = new ArrayList<>();
            List<Callable<String>> ways = List.of(
                    () -> writeOutside("retry-1.txt"),
                    () -> {
                        new FileOutputStream(outside.resolve("retry-2.txt").toFile()).close();
                        return "fos";
                    },
                    () -> {
                        new RandomAccessFile(outside.resolve("retry-3.txt").toFile(), "rw").close();
                        return "raf";
                    },
                    () -> "file " + outside.resolve("retry-4.txt").toFile().createNewFile(),
                    () -> "exec "
                            + new ProcessBuilder("sh", "-c", "echo x > " + outside.resolve("retry-5.txt")).start());
            for (Callable<String> way : ways) {
                String outcome = run(way);
                if (!outcome.startsWith("REFUSED")) {
                    return "a retry went through: " + outcome;
                }
                refusals.add(outcome);
            }
            throw new SecurityException("Toolgate sandbox refused every retry (" + refusals.size() + ")");
        });
        // ---- what tools may do
        add("monitored-write", () -> writeOutside("monitored.txt"));
        add("allowed-write-in-tmp", () -> "wrote " + Files.writeString(scratch.resolve("ok.txt"), "fine"));
        add("allowed-read", () -> "read " + Files.readString(scratch.resolve("ok.txt")));
        add(
                "allowed-program",
                () -> "exit " + new ProcessBuilder("/usr/bin/true").start().waitFor());
        add(
                "allowed-program-plain-arguments",
                () -> "exit "
                        + new ProcessBuilder(
                                        trueNamedRm(), scratch.resolve("ok.txt").toString())
                                .start()
                                .waitFor());
        add("allowed-delete-in-tmp", () -> {
            Path file = Files.writeString(scratch.resolve("gone.txt"), "x");
            Files.delete(file);
            return "deleted";
        });
        add("release-work-submitted-before", () -> {
            EscapeApp.RELEASE.countDown();
            return "released " + EscapeApp.submittedBefore.get(20, TimeUnit.SECONDS);
        });
    }
}
