package dev.toolgate.agent.audit.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointSettingsTest {

    @TempDir
    Path dir;

    private static Optional<CheckpointSettings> read(Map<String, String> values) throws ConfigException {
        return CheckpointSettings.read(key -> Optional.ofNullable(values.get(key)));
    }

    private String refusal(Map<String, String> values) {
        return assertThrows(ConfigException.class, () -> read(values)).getMessage();
    }

    @Test
    void aGeneratedKeyIsLoadedWithItsDefaults() throws Exception {
        Path key = dir.resolve("checkpoint.key");
        Path pub = CheckpointKeys.generate(key);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(key.resolveSibling("checkpoint.key.pub"), pub);
        CheckpointSettings settings =
                read(Map.of(CheckpointSettings.KEY, key.toString())).orElseThrow();
        assertEquals(1_000, settings.everyEvents());
        assertEquals(Duration.ofSeconds(10), settings.interval());
        assertEquals(CheckpointKeys.keyId(CheckpointKeys.loadPublic(pub)), settings.keyId());
        assertTrue(settings.keyId().matches("ed25519:[0-9a-f]{16}"), settings.keyId());
        assertTrue(!settings.toString().contains("PRIVATE"), "the key never shows in a report");
    }

    @Test
    void noKeyMeansNoCheckpointsButTheirSettingsAloneAreAMistake() throws Exception {
        assertTrue(read(Map.of()).isEmpty());
        assertTrue(refusal(Map.of(CheckpointSettings.EVERY, "10")).contains("audit keygen"));
    }

    @Test
    void keygenNeverOverwrites() throws Exception {
        Path key = dir.resolve("k");
        CheckpointKeys.generate(key);
        String before = Files.readString(key);
        var e = assertThrows(CheckpointKeys.KeyException.class, () -> CheckpointKeys.generate(key));
        assertTrue(e.getMessage().contains("exists already"), e.getMessage());
        assertEquals(before, Files.readString(key));
    }

    @Test
    void aKeyOthersCanReadIsRefusedNamingTheFix() throws Exception {
        Path key = dir.resolve("k");
        CheckpointKeys.generate(key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        String message = refusal(Map.of(CheckpointSettings.KEY, key.toString()));
        assertTrue(message.contains("rw-r-----") && message.contains("chmod 600 " + key), message);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw----r--"));
        assertTrue(refusal(Map.of(CheckpointSettings.KEY, key.toString())).contains("chmod 600"));
    }

    @Test
    void aMissingUnreadableOrWrongKeyIsRefused() throws Exception {
        assertTrue(refusal(Map.of(CheckpointSettings.KEY, dir.resolve("none").toString()))
                .contains("does not exist"));

        Path garbage = dir.resolve("garbage");
        Files.writeString(garbage, "not a key");
        Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rw-------"));
        assertTrue(refusal(Map.of(CheckpointSettings.KEY, garbage.toString())).contains("not an Ed25519 private key"));

        Path key = dir.resolve("k");
        CheckpointKeys.generate(key);
        Files.delete(CheckpointKeys.publicFileOf(key));
        assertTrue(refusal(Map.of(CheckpointSettings.KEY, key.toString())).contains("has no public key beside it"));

        Path other = dir.resolve("other");
        CheckpointKeys.generate(other);
        Files.copy(CheckpointKeys.publicFileOf(other), CheckpointKeys.publicFileOf(key));
        assertTrue(refusal(Map.of(CheckpointSettings.KEY, key.toString())).contains("is not the public key of"));

        if (!"root".equals(System.getProperty("user.name"))) {
            Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("-w-------"));
            assertTrue(refusal(Map.of(CheckpointSettings.KEY, other.toString())).contains("permission denied"));
        }
    }

    @Test
    void bothTriggersOffIsRefused() throws Exception {
        Path key = dir.resolve("k");
        CheckpointKeys.generate(key);
        String message = refusal(Map.of(
                CheckpointSettings.KEY, key.toString(),
                CheckpointSettings.EVERY, "0",
                CheckpointSettings.INTERVAL, "0"));
        assertTrue(message.contains("no checkpoint would ever be written"), message);
    }
}
