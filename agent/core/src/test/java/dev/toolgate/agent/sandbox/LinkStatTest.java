package dev.toolgate.agent.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.policy.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create checks through the JDK's own lstat, opened as the agent opens it, and through the public API. */
class LinkStatTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void openAsTheAgentDoes() {
        assertNull(LinkStat.open(ByteBuddyAgent.install()), "the JDK's lstat is usable on " + Runtime.version());
    }

    @AfterAll
    static void backToThePublicApi() {
        LinkStat.usePublicApi();
    }

    @Test
    void theInternalCallAnswersAsTheFileSystemDoes() throws Exception {
        assertTrue(LinkStat.internal());
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), Path.of("/etc/toolgate-not-there"));
        Path toFile = Files.createSymbolicLink(dir.resolve("to-file"), file);
        assertEquals(Boolean.FALSE, LinkStat.isLink(file));
        assertEquals(Boolean.FALSE, LinkStat.isLink(dir));
        assertEquals(Boolean.TRUE, LinkStat.isLink(dangling));
        assertEquals(Boolean.TRUE, LinkStat.isLink(toFile));
        assertEquals(Boolean.FALSE, LinkStat.isLink(dir.resolve("missing")));
        assertEquals(Boolean.FALSE, LinkStat.isLink(dir.resolve("missing/below")));
        assertEquals(Boolean.FALSE, LinkStat.isLink(file.resolve("below-a-file")));
    }

    @Test
    void aDanglingLinkInAnAllowedRootIsJudgedByItsTargetOnCreate() throws Exception {
        assertTrue(LinkStat.internal());
        refusesCreatesThroughDanglingLinks();
    }

    @Test
    void thePublicApiJudgesDanglingLinksAlike() throws Exception {
        LinkStat.usePublicApi();
        try {
            assertFalse(LinkStat.internal());
            assertNull(LinkStat.isLink(dir));
            refusesCreatesThroughDanglingLinks();
        } finally {
            assertNull(LinkStat.useInternalCall());
        }
    }

    private void refusesCreatesThroughDanglingLinks() throws Exception {
        Path outside = Files.createTempDirectory("toolgate-outside-");
        try {
            String root = dir.toRealPath().toString();
            SandboxRules rules = SandboxRules.compile(
                    "roles.r.sandbox",
                    new SandboxPolicy(null, null, null, new SandboxPolicy.Files(List.of(root)), null, null));
            Path target = outside.resolve("created.txt");
            Path link = Files.createSymbolicLink(dir.resolve("to-outside"), target);
            String real = RealPaths.canonical(link.toString());
            assertEquals(outside.toRealPath().resolve("created.txt").toString(), real);
            assertNotNull(rules.writeRefusal(real), real);
            // a chain of links, the last one dangling
            Path hop = Files.createSymbolicLink(dir.resolve("hop"), link);
            assertEquals(real, RealPaths.canonical(hop.toString()));
            // a link that stays inside, and a name that is simply not there yet, are allowed
            Path inside = Files.createSymbolicLink(dir.resolve("inside"), dir.resolve("later.txt"));
            assertNull(rules.writeRefusal(RealPaths.canonical(inside.toString())));
            String fresh = RealPaths.canonical(dir.resolve("new.txt").toString());
            assertEquals(root + "/new.txt", fresh);
            assertNull(rules.writeRefusal(fresh));
            // reads are not resolved through a dangling link: opening one for reading fails
            assertEquals(root + "/to-outside", RealPaths.forRead(link.toString()));
            assertFalse(Files.exists(target));
        } finally {
            Files.deleteIfExists(outside);
        }
    }
}
