package dev.toolgate.agent.validation.path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.validation.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathValidatorTest {

    private final PathValidator unrooted = new PathValidator(List.of(), null, false, 4096);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "docs/guide.md",
                "./build/report.html",
                "src/../README.md",
                "/usr/share/doc/readme.txt",
                "data/2024/q1.csv",
                "images/logo (1).png"
            })
    void ordinaryPathsPass(String path) {
        Verdict verdict = unrooted.check(path);
        assertTrue(verdict.allowed(), path + " -> " + verdict.reason());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../../etc/passwd",
                "..\\..\\windows\\win.ini",
                "%2e%2e/%2e%2e/etc/passwd",
                "%252e%252e%252fetc",
                "..%c0%afetc%c0%afpasswd",
                "%uff0e%uff0e/secret",
                "．．／．．／etc",
                "/etc/shadow",
                "/home/alice/.ssh/id_rsa",
                "/proc/self/environ",
                "/proc/1234/environ",
                "C:\\Windows\\System32\\config\\SAM",
                "/var/log/auth.log",
                "file:///etc/passwd",
                "report.txt\u0000.png",
                "%00",
                "php://filter/resource=index",
                "..;/admin",
                "docs/../../..",
                "\\\\server\\share\\x",
                "/srv/app/../../root/.bash_history"
            })
    void traversalEncodingsAndSensitiveFilesAreRefused(String path) {
        assertFalse(unrooted.check(path).allowed(), path);
    }

    @Test
    void pathsMustStayUnderTheRoots(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("data"));
        Files.writeString(root.resolve("a.txt"), "a");
        Path outside = Files.writeString(dir.resolve("outside.txt"), "secret");
        Files.createSymbolicLink(root.resolve("link.txt"), outside);
        PathValidator rooted = new PathValidator(List.of(root), null, false, 4096);

        assertTrue(rooted.check("a.txt").allowed());
        assertTrue(rooted.check(root.resolve("a.txt").toString()).allowed());
        assertTrue(rooted.check("new/file.txt").allowed());
        Verdict climbing = rooted.check("../outside.txt");
        assertFalse(climbing.allowed());
        assertTrue(climbing.reason().contains("outside the allowed roots"), climbing.reason());
        Verdict linked = rooted.check("link.txt");
        assertFalse(linked.allowed());
        assertTrue(linked.reason().contains("symbolic link"), linked.reason());
        assertFalse(rooted.check("/tmp/elsewhere.txt").allowed());

        Files.createSymbolicLink(root.resolve("linked-dir"), Files.createDirectories(dir.resolve("elsewhere")));
        Verdict newFileInLinkedDir = rooted.check("linked-dir/new.txt");
        assertFalse(newFileInLinkedDir.allowed(), "a new file through a linked directory lands outside the root");
    }
}
