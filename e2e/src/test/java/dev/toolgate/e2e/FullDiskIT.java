package dev.toolgate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.e2e.apps.audit.AuditLoadApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The audit file on a real 1 MB tmpfs that fills up: calls other than READ are refused with the disk error as
 * the reason, READ calls go on, every call that returned is on disk, and the file stays a valid chain. Needs a
 * tmpfs mount (root); where that is impossible the test is skipped and {@code AuditFailureTest} covers the same
 * behaviour with a storage that fails like a full disk.
 */
class FullDiskIT {

    private Path mountPoint;

    @AfterEach
    void unmount() throws Exception {
        if (mountPoint != null) {
            new ProcessBuilder("umount", mountPoint.toString())
                    .inheritIO()
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskRefusesNonReadCallsAndKeepsTheFileValid() throws Exception {
        Path dir = ForkedJvm.freshWorkDir("full-disk");
        Path disk = Files.createDirectories(dir.resolve("tmpfs"));
        Assumptions.assumeTrue(mount(disk), "cannot mount a 1 MB tmpfs here (needs root)");
        mountPoint = disk;
        Path audit = disk.resolve("audit.jsonl");
        Path policy = Policies.write(dir, "policy.yaml", AuditTrailIT.POLICY);
        String agent = "policy=" + policy + ",role=auditor,audit.fsync=every-event,audit.file=" + audit;

        JvmRun writes = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent(agent)
                .main(AuditLoadApp.class.getName(), "1", "3", "1000", "record")
                .run();
        assertEquals(0, writes.exitCode(), writes.describe());
        List<String> refusals = writes.stdout()
                .lines()
                .filter(line -> line.startsWith("REFUSED"))
                .toList();
        assertTrue(!refusals.isEmpty(), "the disk filled up and calls were refused\n" + writes.describe());
        // Refused before it ran (its decision could not be recorded), or after (its result could not be): either
        // way no call returns without its record on disk.
        assertTrue(refusals.get(0).contains("Toolgate denied tool 'audit_record' for role 'auditor'"), refusals.get(0));
        assertTrue(refusals.get(0).contains("the audit file " + audit + " cannot be written"), refusals.get(0));
        assertTrue(refusals.get(0).contains("No space left on device"), refusals.get(0));
        assertTrue(
                writes.stderr().contains("[toolgate] ERROR: the audit file " + audit + " cannot be written"),
                writes.stderr());

        String onDisk = Files.readString(audit);
        for (String returned : writes.stdout()
                .lines()
                .filter(line -> line.startsWith("RETURNED"))
                .toList()) {
            String id = returned.split(" ")[1];
            assertTrue(onDisk.contains("\"result\":\"recorded:" + id + "\""), "returned but not on disk: " + id);
        }
        JvmRun verify = ForkedJvm.cli(Jdks.current(), "audit", "verify", audit.toString());
        assertEquals(0, verify.exitCode(), verify.describe());

        JvmRun reads = ForkedJvm.on(Jdks.current())
                .workDir(dir)
                .withTestClassPath()
                .agent(agent)
                .main(AuditLoadApp.class.getName(), "1", "0", "0", "lookup")
                .run();
        assertTrue(reads.stdout().contains("RETURNED"), "READ calls still run on a full disk\n" + reads.describe());
    }

    private static boolean mount(Path dir) throws IOException, InterruptedException {
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", dir.toString())
                .redirectErrorStream(true)
                .start();
        mount.getInputStream().readAllBytes();
        return mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
    }
}
