package dev.toolgate.agent.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * {@code java -jar toolgate-agent.jar COMMAND}: tools for the people who write policies, run agents and read
 * audit logs. Every problem ends as one line on stderr and an exit code from {@link ExitCode}; a stack trace
 * would say nothing to the person who typed the command.
 */
public final class Cli {

    private Cli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            return commandLine(new Io(in, out, err)).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command tree, with Toolgate's handling of usage errors and failures. */
    static CommandLine commandLine(Io io) {
        Factory factory = new Factory(io);
        CommandLine line = new CommandLine(ToolgateCommand.class, factory);
        // In the order the top-level help lists them.
        line.addSubcommand(new CommandLine(PolicyCommand.class, factory));
        CommandLine alias = new CommandLine(PolicyCheckCommand.class, factory);
        alias.getCommandSpec().name("check-policy");
        alias.getCommandSpec()
                .usageMessage()
                .description("The same as 'toolgate policy check', kept for existing scripts.");
        line.addSubcommand("check-policy", alias);
        line.addSubcommand(new CommandLine(ScreenCommand.class, factory));
        line.addSubcommand(new CommandLine(RulesCommand.class, factory));
        line.addSubcommand(new CommandLine(AuditCommand.class, factory));
        line.addSubcommand(new CommandLine(AttachCommand.class, factory));
        line.addSubcommand(new CommandLine(ReloadCommand.class, factory));
        line.addSubcommand(new CommandLine(ConfigCommand.class, factory));
        line.addSubcommand(new CommandLine(CommandLine.HelpCommand.class, factory));
        line.setOut(new PrintWriter(io.out(), true));
        line.setErr(new PrintWriter(io.err(), true));
        // Plain text whatever the terminal: what --help prints is what docs/cli.md shows.
        line.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        line.setParameterExceptionHandler(Cli::usageError);
        line.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command, io.err()));
        return line;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the usage.");
        err.flush();
        return ExitCode.USAGE;
    }

    private static int failure(Exception e, CommandLine command, PrintStream err) {
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof CliFailure failure) {
            err.println(name + ": " + failure.getMessage());
            return failure.exitCode();
        }
        // A bug, not bad input; still one line, with enough to report it.
        StackTraceElement[] where = e.getStackTrace();
        err.println(name + ": internal error: " + e + (where.length > 0 ? " at " + where[0] : ""));
        return ExitCode.FINDING;
    }

    /** Creates commands, handing those that read or write streams the ones of this run. */
    private record Factory(Io io) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Io.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(io));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
