package dev.toolgate.agent.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Watches the policy source and asks the {@link PolicyReloader} to reload when its content changed. Two ways of
 * noticing, because neither is enough alone:
 * <ul>
 *   <li>a {@link WatchService} on the directory that holds the policy file (and, for a policy directory, on the
 *       directory itself and its parent): any event there leads to a content check, since a ConfigMap update
 *       swaps the {@code ..data} link and touches no file the policy names;</li>
 *   <li>a content check every {@code poll} interval, for file systems that deliver no events (network and
 *       overlay file systems) and for a directory that disappeared and came back, whose watch is gone.</li>
 * </ul>
 * Events are debounced: the check runs once the directory has been quiet for {@code debounce}, and at the latest
 * {@code 4 × debounce} after the first event of a burst, so a writer that never stops (a reload storm) still gets
 * its changes applied while it writes, and the last content wins once it stops.
 */
public final class PolicyWatcher implements AutoCloseable {

    private final PolicyReloader reloader;
    private final Path source;
    private final long debounceNanos;
    private final long pollNanos;
    private final Thread thread;
    private final List<WatchKey> keys = new ArrayList<>();
    private WatchService watcher;
    private volatile boolean stopped;

    private PolicyWatcher(PolicyReloader reloader, Duration debounce, Duration poll) {
        this.reloader = reloader;
        this.source = reloader.source().toAbsolutePath();
        this.debounceNanos = Math.max(1, debounce.toNanos());
        this.pollNanos = poll.isZero() ? Long.MAX_VALUE : poll.toNanos();
        this.thread = new Thread(this::loop, "toolgate-policy-watch");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching on a daemon thread.
     *
     * @param debounce how long the directory must be quiet before a change is loaded
     * @param poll     how often the content is checked without any event; zero for never
     */
    public static PolicyWatcher start(PolicyReloader reloader, Duration debounce, Duration poll) {
        PolicyWatcher watcher = new PolicyWatcher(reloader, debounce, poll);
        watcher.thread.start();
        return watcher;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        WatchService service = watcher;
        if (service != null) {
            try {
                service.close();
            } catch (IOException ignored) {
                // closing; nothing to report
            }
        }
    }

    private void loop() {
        try {
            watcher = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException noEvents) {
            System.err.println("[toolgate] WARNING: policy file events are not available (" + noEvents
                    + "); the policy is checked for changes by polling only");
        }
        long now = System.nanoTime();
        long nextPoll = now + pollNanos;
        long burstStart = 0;
        long lastEvent = 0;
        boolean dirty = false;
        while (!stopped) {
            try {
                register();
                now = System.nanoTime();
                long wait = dirty
                        ? Math.min(lastEvent + debounceNanos, burstStart + 4 * debounceNanos) - now
                        : nextPoll - now;
                boolean event = waitForEvent(Math.max(0, wait));
                now = System.nanoTime();
                if (event) {
                    if (!dirty) {
                        burstStart = now;
                    }
                    dirty = true;
                    lastEvent = now;
                }
                boolean settled = dirty && (now - lastEvent >= debounceNanos || now - burstStart >= 4 * debounceNanos);
                if (settled || now - nextPoll >= 0) {
                    dirty = false;
                    nextPoll = now + pollNanos;
                    reloader.reloadIfChanged(settled ? "file change" : "periodic check");
                }
            } catch (InterruptedException | ClosedWatchServiceException stop) {
                return;
            } catch (RuntimeException | Error unexpected) {
                // The watcher must never take the agent down; the last good policy stays in force.
                System.err.println("[toolgate] WARNING: the policy watcher hit " + unexpected + "; it goes on");
                sleepQuietly();
            }
        }
    }

    /** Waits up to {@code nanos} for any event in a watched directory; drains what arrived. */
    private boolean waitForEvent(long nanos) throws InterruptedException {
        if (watcher == null) {
            TimeUnit.NANOSECONDS.sleep(Math.min(nanos, TimeUnit.SECONDS.toNanos(1)));
            return false;
        }
        WatchKey key = watcher.poll(Math.min(nanos, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
        if (key == null) {
            return false;
        }
        boolean any = false;
        for (; key != null; key = watcher.poll()) {
            any |= !key.pollEvents().isEmpty();
            if (!key.reset()) {
                // The directory went away: watched again when it is back.
                keys.remove(key);
                any = true;
            }
        }
        return any;
    }

    /** Watches the directories the source depends on that exist and are not watched yet. */
    private void register() {
        if (watcher == null) {
            return;
        }
        keys.removeIf(key -> !key.isValid());
        List<Path> directories = new ArrayList<>();
        Path parent = source.getParent();
        if (parent != null) {
            directories.add(parent);
        }
        if (Files.isDirectory(source)) {
            directories.add(source);
        }
        for (Path directory : directories) {
            boolean watched = keys.stream().anyMatch(key -> key.watchable().equals(directory));
            if (!watched && Files.isDirectory(directory)) {
                try {
                    keys.add(directory.register(
                            watcher,
                            StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.OVERFLOW));
                } catch (IOException | RuntimeException notWatchable) {
                    // polling covers it
                }
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
