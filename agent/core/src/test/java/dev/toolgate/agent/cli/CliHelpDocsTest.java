package dev.toolgate.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} is shown verbatim in docs/cli.md, so the page cannot drift from the commands.
 * When this fails, the message holds the block to paste.
 */
class CliHelpDocsTest {

    private static final Path DOCS = Path.of("../../docs/cli.md");

    /** The command paths of the whole tree: "", "policy", "policy check", … (the help command excepted). */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(
                Cli.commandLine(new Io(InputStream.nullInputStream(), System.out, System.err)),
                new ArrayList<>(),
                paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help") && sub.getCommandName().equals(name)) {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(name);
                collect(sub, deeper, paths);
            }
        });
    }

    static String help(List<String> path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        int status = Cli.run(
                args.toArray(String[]::new),
                InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, path + ": " + err);
        assertEquals("", err.toString(StandardCharsets.UTF_8), path + " wrote to stderr");
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyCommandHasHelpAndDocsCliMdShowsItVerbatim() throws Exception {
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        List<List<String>> paths = commandPaths();
        assertTrue(paths.size() >= 9, paths.toString());
        List<String> missing = new ArrayList<>();
        for (List<String> path : paths) {
            String help = help(path);
            String name = String.join(" ", path);
            assertTrue(help.startsWith("Usage: toolgate" + (path.isEmpty() ? "" : " " + name)), help);
            String block = "```\n$ toolgate " + (name.isEmpty() ? "" : name + " ") + "--help\n" + help + "```\n";
            if (!docs.contains(block)) {
                missing.add(block);
            }
        }
        assertTrue(
                missing.isEmpty(),
                DOCS + " lacks or has stale help blocks; paste these:\n\n" + String.join("\n", missing));
    }

    @Test
    void helpWorksWithHAndTheHelpCommandToo() {
        for (List<String> path : commandPaths()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<String> args = new ArrayList<>(path);
            args.add("-h");
            assertEquals(
                    0,
                    Cli.run(
                            args.toArray(String[]::new),
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
                    path.toString());
            assertEquals(help(path), out.toString(StandardCharsets.UTF_8), path.toString());
        }
    }
}
