package dev.toolgate.agent.cli;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.policytool.ExplainCommand;
import dev.toolgate.agent.policytool.PolicyTestCommand;
import dev.toolgate.agent.policytool.PolicyTools;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code java -jar toolgate-agent.jar COMMAND}: tools for the people who write policies and read audit logs.
 */
public final class Cli {

    private static final String USAGE = String.join(
            "\n",
            "usage: java -jar toolgate-agent.jar COMMAND",
            "",
            "commands:",
            "  check-policy FILE...   validate policy files; exit 0 when all load, 1 otherwise",
            "  policy explain --policy FILE --role ROLE --tool TOOL [--args JSON] [--session ID] [--format json]",
            "                         the decision on one call and the rules that produced it",
            "  policy test DIR|FILE...  run policy test files; exit 0 when all pass, 1 on a failure",
            "  audit verify FILE...   check the hash chain of audit files; exit 0 when intact, 1 otherwise",
            "  audit tail [-f] [-n N] [--role R] [--tool T] [--decision allow|deny] FILE",
            "                         pretty-print the last N (default 10) matching events; -f: keep following",
            "  " + Screen.USAGE,
            "  help                   this text");

    private Cli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("check-policy")) {
            return checkPolicy(args, out, err);
        }
        if (args[0].equals("policy") && args.length > 1 && args[1].equals("explain")) {
            return ExplainCommand.run(java.util.Arrays.copyOfRange(args, 2, args.length), out, err);
        }
        if (args[0].equals("policy") && args.length > 1 && args[1].equals("test")) {
            return PolicyTestCommand.run(java.util.Arrays.copyOfRange(args, 2, args.length), out, err);
        }
        if (args[0].equals("screen")) {
            return Screen.run(args, in, out, err);
        }
        if (args[0].equals("audit")) {
            return AuditCommands.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        err.println("toolgate: unknown command '" + args[0] + "'\n" + USAGE);
        return 2;
    }

    private static int checkPolicy(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println("toolgate: check-policy needs at least one policy file");
            return 2;
        }
        int status = 0;
        PolicyLoader loader = PolicyTools.loader();
        for (int i = 1; i < args.length; i++) {
            try {
                Policy policy = loader.load(Path.of(args[i]));
                out.println(args[i] + ": ok (" + policy.roles().size() + " roles, "
                        + policy.tools().size()
                        + " tools, " + policy.instrument().size() + " instrument rules, sha256 " + policy.sha256()
                        + ")");
            } catch (PolicyException e) {
                err.println(e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
