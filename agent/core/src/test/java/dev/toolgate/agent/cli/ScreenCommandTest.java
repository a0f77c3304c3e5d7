package dev.toolgate.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return Cli.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsOneLinePerSample() {
        int status = run("ls -la\nrm -rf /\necho a\\nrm -rf ~\n\n", "screen", "--validator", "shell-command");
        assertEquals(0, status, err.toString());
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(4, lines.length - 1, out.toString());
        assertEquals("allow", lines[0]);
        assertTrue(lines[1].startsWith("deny\trecursive deletion of '/'"), lines[1]);
        assertTrue(lines[2].startsWith("deny\t"), "a \\n in a sample is a line break: " + lines[2]);
        assertTrue(lines[3].startsWith("deny\tthe command line is empty"), lines[3]);
    }

    @Test
    void namedValidatorsComeFromThePolicy(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("p.yaml"), """
                roles:
                  r: {allowed_tools: [x]}
                validators:
                  listing: {type: shell-command, allow_programs: [ls]}
                """);
        assertEquals(0, run("ls\ncat x\n", "screen", "--validator", "listing", "--policy", policy.toString()));
        assertTrue(
                out.toString().startsWith("allow\ndeny\tthe program 'cat' is not on allow_programs"), out.toString());
    }

    @Test
    void evalPrintsRatesPerFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ssrf-urls.txt"), "http://127.0.0.1/\nhttp://[::1]/\n");
        Files.writeString(dir.resolve("benign-urls.txt"), "https://example.org/\nhttps://example.com/a\n");
        assertEquals(0, run("", "screen", "--eval", dir.toString()), err.toString());
        String table = out.toString();
        assertTrue(
                table.matches(
                        "(?s).*ssrf-urls\\.txt\\s+url\\s+malicious\\s+2\\s+2\\s+100\\.00%\\s+\\S+\\s+\\S+\\s+detection.*"),
                table);
        assertTrue(
                table.matches(
                        "(?s).*benign-urls\\.txt\\s+url\\s+benign\\s+2\\s+0\\s+0\\.00%\\s+\\S+\\s+\\S+\\s+false positives.*"),
                table);
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertEquals(2, run("", "screen"));
        assertTrue(err.toString().contains("give either --validator NAME or --eval DIR"), err.toString());
        assertEquals(2, run("", "screen", "--validator", "nope"));
        assertTrue(err.toString().contains("'nope' is not a validator"), err.toString());
    }
}
