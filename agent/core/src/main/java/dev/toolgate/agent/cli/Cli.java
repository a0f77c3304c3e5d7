package dev.toolgate.agent.cli;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.validation.ValidationSettings;
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
            "  audit verify FILE...   check the hash chain of audit files; exit 0 when intact, 1 otherwise",
            "  audit tail [-f] [-n N] [--role R] [--tool T] [--decision allow|deny] FILE",
            "                         pretty-print the last N (default 10) matching events; -f: keep following",
            "  reload PID             load the policy of the agent in JVM PID again (exit 0 done, 1 failed)",
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
        if (args[0].equals("reload")) {
            if (args.length != 2) {
                err.println("toolgate: reload needs exactly one process id\n" + USAGE);
                return 2;
            }
            return dev.toolgate.agent.reload.ReloadClient.run(args[1], out, err);
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
        PolicyLoader loader = new PolicyLoader(ValidationSettings.POLICY_CHECK);
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
