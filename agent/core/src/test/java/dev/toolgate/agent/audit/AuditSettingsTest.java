package dev.toolgate.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.audit.ship.ShipSettings;
import dev.toolgate.agent.audit.ship.WireFormat;
import dev.toolgate.agent.config.ConfigException;
import dev.toolgate.agent.config.ConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditSettingsTest {

    private static AuditSettings read(String agentArguments, Map<String, String> environment) throws Exception {
        ConfigReader reader = new ConfigReader(agentArguments, key -> null, environment::get);
        return AuditSettings.read(Path.of("audit.jsonl"), reader::value);
    }

    @Test
    void defaults() throws Exception {
        AuditSettings settings = read("", Map.of());
        assertEquals(FsyncPolicy.INTERVAL, settings.fsync());
        assertEquals(Duration.ofMillis(10), settings.fsyncInterval());
        assertEquals(65_536, settings.queueCapacity());
        assertEquals(Duration.ofSeconds(5), settings.callerWait());
        assertEquals(100L << 20, settings.rotation().maxBytes());
        assertTrue(settings.rotation().maxAge().isZero());
        assertTrue(settings.ship().isEmpty());
    }

    @Test
    void agentArgumentsAndEnvironmentSetEverything() throws Exception {
        AuditSettings settings = read(
                "audit.fsync=every-event,audit.rotate.size=10MB,audit.rotate.age=1d,"
                        + "audit.ship.url=syslog+tls://collector.example:6514,audit.wait=250ms",
                Map.of("TOOLGATE_AUDIT_QUEUE_CAPACITY", "1024", "TOOLGATE_AUDIT_SHIP_SPOOL_MAX", "1GB"));
        assertEquals(FsyncPolicy.EVERY_EVENT, settings.fsync());
        assertEquals(10L << 20, settings.rotation().maxBytes());
        assertEquals(Duration.ofDays(1), settings.rotation().maxAge());
        assertEquals(1024, settings.queueCapacity());
        assertEquals(Duration.ofMillis(250), settings.callerWait());
        ShipSettings ship = settings.ship().orElseThrow();
        assertEquals(WireFormat.SYSLOG, ship.format());
        assertTrue(ship.tls());
        assertEquals("collector.example", ship.host());
        assertEquals(6514, ship.port());
        assertEquals(1L << 30, ship.spoolMax());
        assertEquals(Path.of("audit.jsonl.spool"), ship.spoolDir());
    }

    @Test
    void badValuesNameTheSettingAndWhatToWrite() {
        ConfigException fsync = assertThrows(ConfigException.class, () -> read("audit.fsync=always", Map.of()));
        assertEquals(
                "setting 'audit.fsync' = 'always' is not an fsync policy; use every-event, interval or os.",
                fsync.getMessage());
        ConfigException size = assertThrows(ConfigException.class, () -> read("audit.rotate.size=big", Map.of()));
        assertTrue(size.getMessage().contains("'audit.rotate.size' = 'big' is not a size"), size.getMessage());
        ConfigException url =
                assertThrows(ConfigException.class, () -> read("audit.ship.url=http://collector:80", Map.of()));
        assertTrue(url.getMessage().contains("syslog://HOST:PORT"), url.getMessage());
        ConfigException interval = assertThrows(ConfigException.class, () -> read("audit.fsync.interval=0", Map.of()));
        assertTrue(interval.getMessage().contains("audit.fsync=every-event"), interval.getMessage());
    }

    @Test
    void unknownAuditKeysAreStillRefused() {
        ConfigException unknown =
                assertThrows(ConfigException.class, () -> new ConfigReader("audit.fsnyc=os", key -> null, key -> null));
        assertTrue(unknown.getMessage().contains("'audit.fsnyc' is not a Toolgate setting"), unknown.getMessage());
    }
}
