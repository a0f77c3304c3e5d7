package dev.toolgate.agent.policytool;

import dev.toolgate.agent.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of a command's {@code run(args, out, err)}: exit code and what it printed. */
record Run(int code, String out, String err) {

    interface Command {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    /** {@code toolgate policy explain ARGS}, through the command line as a user runs it. */
    static final Command EXPLAIN = (args, out, err) -> Cli.run(prefixed("explain", args), out, err);

    /** {@code toolgate policy test ARGS}. */
    static final Command TEST = (args, out, err) -> Cli.run(prefixed("test", args), out, err);

    private static String[] prefixed(String command, String[] args) {
        String[] all = new String[args.length + 2];
        all[0] = "policy";
        all[1] = command;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    static Run of(Command command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
