package dev.toolgate.agent.reload;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Locale;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The JMX face of a {@link PolicyReloader}. Reading attributes never touches the call path. */
public final class PolicyControl implements PolicyControlMBean {

    public static final String OBJECT_NAME = "dev.toolgate:type=Policy";

    private final PolicyReloader reloader;

    public PolicyControl(PolicyReloader reloader) {
        this.reloader = reloader;
    }

    /** Registers with the platform MBean server; a JVM without JMX goes without (the watcher still reloads). */
    public void register() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
        } catch (Exception | LinkageError unavailable) {
            System.err.println("[toolgate] WARNING: policy reload is not available over JMX: " + unavailable);
        }
    }

    @Override
    public String reload() {
        PolicyReloader.Outcome outcome = reloader.reload("jmx");
        return outcome.result().name().toLowerCase(Locale.ROOT) + ": " + outcome.message();
    }

    @Override
    public String getSource() {
        return reloader.source().toAbsolutePath().toString();
    }

    @Override
    public String getSha256() {
        return reloader.current().sha256();
    }

    @Override
    public String getLoadedAt() {
        return reloader.loadedAt().toString();
    }

    @Override
    public String getLastError() {
        String error = reloader.lastError();
        return error == null ? "" : error;
    }

    @Override
    public String getLastAttemptAt() {
        Instant at = reloader.lastAttemptAt();
        return at == null ? "" : at.toString();
    }

    @Override
    public long getReloadCount() {
        return reloader.reloads();
    }

    @Override
    public long getFailedReloadCount() {
        return reloader.failures();
    }
}
