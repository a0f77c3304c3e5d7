package dev.toolgate.agent.validation.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Walks a parsed command line, including what runs inside substitutions, {@code sh -c} strings, {@code eval},
 * {@code find -exec}, {@code xargs} and remote {@code ssh} commands, and returns the first reason to refuse it.
 */
final class CommandAnalyzer {

    private static final Pattern SOCKET_CODE = Pattern.compile(
            "socket|fsockopen|tcpsocket|net\\.sockets|tcpclient|/dev/tcp|net\\.connect|createconnection");
    private static final Pattern RUNS_PROGRAMS = Pattern.compile(
            "exec|spawn|pty|dup2|subprocess|popen|system|/bin/(ba)?sh|cmd\\.exe|proc_open|shell_exec|iex|"
                    + "invoke-expression|child_process");
    private static final Pattern FETCHES_CODE = Pattern.compile(
            "urlopen|urllib|requests\\.get|http\\.get|fetch\\(|net/http|lwp::|wget|curl|invoke-webrequest|"
                    + "downloadstring|downloadfile|webclient|file_get_contents\\(\\s*['\"]?https?:");
    private static final Pattern EVALS_CODE = Pattern.compile("\\b(exec|eval|iex|invoke-expression)\\b");
    private static final Pattern FORK_LOOP =
            Pattern.compile("fork\\b.*\\b(while|for|loop)\\b|\\b(while|for|loop)\\b.*fork");

    private final Set<String> allowPrograms;
    private final Set<String> denyPrograms;
    private final Function<String, String> sqlCheck;
    private final DestructiveCommands destructive;
    /** The id of the rule behind the reason {@link #analyze} returned, when one is behind it. */
    private String rule;

    // ids of the analysis's own checks, named in reasons and audit events (docs/rules.md)
    static final String FORK_BOMB = "shell.fork-bomb";
    static final String PIPED_CODE = "shell.piped-code";
    static final String SUBSTITUTION = "shell.substitution-runs-code";
    static final String REVERSE_SHELL = "shell.reverse-shell";
    static final String DEVICE_WRITE = "shell.device-write";
    static final String INLINE_CODE = "shell.inline-code";
    static final String DOWNLOAD_EXECUTE = "shell.download-execute";

    private final List<String> fetchedFiles = new ArrayList<>();
    private int budget = 10_000;

    /**
     * @param allowPrograms when not empty, the only programs that may run
     * @param sqlCheck      judges SQL handed to database clients; returns a reason or null
     */
    CommandAnalyzer(
            Set<String> allowPrograms,
            Set<String> denyPrograms,
            Function<String, String> sqlCheck,
            DestructiveCommands destructive) {
        this.destructive = destructive;
        this.allowPrograms = allowPrograms;
        this.denyPrograms = denyPrograms;
        this.sqlCheck = sqlCheck;
    }

    /** The id of the rule that refused the script {@link #analyze} judged last, or null. */
    String rule() {
        return rule;
    }

    String analyze(ShellScript script) throws ShellSyntaxException {
        return walk(script, 0, false);
    }

    private String walk(ShellScript script, int depth, boolean substituted) throws ShellSyntaxException {
        if (depth > ShellParser.MAX_DEPTH || --budget < 0) {
            return "the command line nests commands too deeply to be checked";
        }
        String reason = named(forkBomb(script), FORK_BOMB);
        if (reason != null) {
            return reason;
        }
        List<Positioned> positioned = new ArrayList<>();
        for (SimpleCommand command : script.commands()) {
            for (Redirect redirect : command.redirects()) {
                reason = redirect(redirect);
                if (reason != null) {
                    return reason;
                }
            }
            for (ShellScript inner : wordsSubstitutions(command)) {
                reason = substitution(inner);
                if (reason == null) {
                    reason = walk(inner, depth + 1, true);
                }
                if (reason != null) {
                    return reason;
                }
            }
            if (command.words().isEmpty()) {
                continue;
            }
            List<Invocation> invocations = new ArrayList<>();
            reason = unwrap(command, command.words(), depth, invocations);
            if (reason != null) {
                return reason;
            }
            for (Invocation invocation : invocations) {
                reason = invocation(invocation);
                if (reason != null) {
                    return reason;
                }
                positioned.add(new Positioned(command.pipeline(), command.stage(), invocation));
            }
        }
        return named(pipelines(positioned), PIPED_CODE);
    }

    /** {@code reason} as the refusal of the check {@code id}, which it then names; null stays null. */
    private String named(String reason, String id) {
        if (reason == null) {
            return null;
        }
        rule = id;
        return reason + " [" + id + "]";
    }

    private record Positioned(int pipeline, int stage, Invocation invocation) {}

    private static String pipelines(List<Positioned> invocationsByPosition) {
        for (Positioned later : invocationsByPosition) {
            if (later.stage() == 0 || !readsCodeFromStdin(later.invocation())) {
                continue;
            }
            for (Positioned earlier : invocationsByPosition) {
                if (earlier.pipeline() == later.pipeline() && earlier.stage() < later.stage()) {
                    if (Programs.FETCHERS.contains(earlier.invocation().program())) {
                        return "download and execute: output of "
                                + earlier.invocation().program() + " is piped into "
                                + later.invocation().program();
                    }
                    return "output of " + earlier.invocation().program() + " is piped into "
                            + later.invocation().program() + ", which runs it as code";
                }
            }
        }
        return null;
    }

    private static List<ShellScript> wordsSubstitutions(SimpleCommand command) {
        List<ShellScript> out = new ArrayList<>();
        command.assignments().forEach(w -> out.addAll(w.substitutions()));
        command.words().forEach(w -> out.addAll(w.substitutions()));
        return out;
    }

    /** Command substitution that fetches from the network or runs code is refused outright. */
    private String substitution(ShellScript inner) {
        for (SimpleCommand command : inner.commands()) {
            if (command.words().isEmpty()) {
                continue;
            }
            String program = Invocation.baseName(command.words().get(0).text());
            List<Invocation> unwrapped = new ArrayList<>();
            try {
                unwrap(command, command.words(), ShellParser.MAX_DEPTH, unwrapped);
            } catch (ShellSyntaxException e) {
                return "a command substitution cannot be parsed: " + e.getMessage();
            }
            for (Invocation invocation : unwrapped) {
                program = invocation.program();
                if (Programs.FETCHERS.contains(program)) {
                    return named("command substitution fetches from the network (" + program + ")", SUBSTITUTION);
                }
                if (Programs.SHELLS.contains(program)
                        || Programs.INTERPRETERS.contains(program)
                        || program.equals("eval")
                        || program.equals("source")
                        || program.equals(".")) {
                    return named("command substitution runs code (" + program + ")", SUBSTITUTION);
                }
            }
        }
        return null;
    }

    private String redirect(Redirect redirect) {
        String target = redirect.target().text();
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.contains("/dev/tcp/") || lower.contains("/dev/udp/")) {
            return named(
                    "network redirection to " + target + " (a reverse shell or exfiltration channel)", REVERSE_SHELL);
        }
        if (redirect.writes()
                && target.startsWith("/dev/")
                && !DestructiveCommandsSafe.isSafeDevice(target)
                && !target.startsWith("/dev/fd/")
                && !target.startsWith("/dev/pts/")) {
            return named("writes to the device " + target, DEVICE_WRITE);
        }
        return null;
    }

    /**
     * Looks through wrappers and code-running programs, adding what finally runs to {@code out}; nested command
     * lines ({@code sh -c}, {@code eval}, {@code ssh host cmd}) are walked as scripts.
     */
    private String unwrap(SimpleCommand command, List<ShellWord> words, int depth, List<Invocation> out)
            throws ShellSyntaxException {
        int i = 0;
        for (int hops = 0; hops < 16 && i < words.size(); hops++) {
            String program = Invocation.baseName(words.get(i).text());
            List<ShellWord> rest = words.subList(i + 1, words.size());
            Invocation invocation = new Invocation(program, rest, command);
            if (Programs.WRAPPERS.contains(program)) {
                out.add(invocation);
                int next = i + 1;
                while (next < words.size()) {
                    String text = words.get(next).text();
                    if (text.startsWith("-") && text.length() > 1) {
                        next += Programs.WRAPPER_OPTIONS_WITH_VALUE.contains(text) ? 2 : 1;
                    } else if (program.equals("env") && text.indexOf('=') > 0) {
                        next++;
                    } else if ((program.equals("timeout")
                                    || program.equals("gtimeout")
                                    || program.equals("chroot")
                                    || program.equals("flock")
                                    || program.equals("taskset")
                                    || program.equals("chrt"))
                            && next == i + 1 + countOptions(words, i + 1)) {
                        next++;
                        break;
                    } else {
                        break;
                    }
                }
                if (program.equals("watch") && words.size() - next == 1) {
                    return nested(words.get(next).text(), depth);
                }
                i = next;
                continue;
            }
            if ((Programs.SHELLS.contains(program) || program.equals("su") || program.equals("runuser"))) {
                out.add(invocation);
                for (int k = 0; k < rest.size(); k++) {
                    String text = rest.get(k).text();
                    if ((text.equals("-c")
                                    || text.equalsIgnoreCase("/c")
                                    || text.equalsIgnoreCase("-command")
                                    || text.matches("-[a-z]*c"))
                            && k + 1 < rest.size()) {
                        return nested(rest.get(k + 1).text(), depth);
                    }
                }
                if (program.equals("busybox") && !rest.isEmpty()) {
                    i++;
                    continue;
                }
                return null;
            }
            if (program.equals("eval") || program.equals("ssh") && rest.size() >= 2) {
                out.add(invocation);
                int from = program.equals("ssh") ? firstPositional(rest) + 1 : 0;
                StringBuilder script = new StringBuilder();
                for (int k = from; k < rest.size(); k++) {
                    script.append(rest.get(k).text()).append(' ');
                }
                return nested(script.toString(), depth);
            }
            if (program.equals("find")) {
                out.add(invocation);
                for (int k = 0; k < rest.size(); k++) {
                    String text = rest.get(k).text();
                    if ((text.equals("-exec") || text.equals("-execdir") || text.equals("-ok") || text.equals("-okdir"))
                            && k + 1 < rest.size()) {
                        int end = k + 1;
                        while (end < rest.size()
                                && !rest.get(end).text().equals(";")
                                && !rest.get(end).text().equals("+")) {
                            end++;
                        }
                        String reason = unwrap(command, rest.subList(k + 1, end), depth, out);
                        if (reason != null) {
                            return reason;
                        }
                        k = end;
                    }
                }
                return null;
            }
            out.add(invocation);
            return null;
        }
        return null;
    }

    private static int countOptions(List<ShellWord> words, int from) {
        int count = 0;
        for (int k = from; k < words.size() && words.get(k).text().startsWith("-"); k++) {
            count++;
        }
        return count;
    }

    private static int firstPositional(List<ShellWord> words) {
        for (int k = 0; k < words.size(); k++) {
            String text = words.get(k).text();
            if (!text.startsWith("-")) {
                return k;
            }
            if (text.length() == 2 && "bcDEeFIiJLlmOoopQRSWw".indexOf(text.charAt(1)) >= 0) {
                k++;
            }
        }
        return words.size();
    }

    private String nested(String script, int depth) throws ShellSyntaxException {
        return walk(ShellParser.parse(script, depth + 1), depth + 1, false);
    }

    private String invocation(Invocation call) {
        String program = call.program();
        if (denyPrograms.contains(program)) {
            return "the program '" + program + "' is on deny_programs";
        }
        if (!allowPrograms.isEmpty() && !allowPrograms.contains(program) && !Programs.WRAPPERS.contains(program)) {
            return "the program '" + program + "' is not on allow_programs (" + String.join(", ", allowPrograms) + ")";
        }
        if (!allowPrograms.isEmpty()
                && Programs.WRAPPERS.contains(program)
                && !allowPrograms.contains(program)
                && !program.equals("time")
                && !program.equals("command")) {
            return "the program '" + program + "' is not on allow_programs (" + String.join(", ", allowPrograms) + ")";
        }
        String reason = named(reverseShell(call), REVERSE_SHELL);
        if (Programs.WRAPPERS.contains(program)) {
            // what the wrapper runs is checked as an invocation of its own
            return reason;
        }
        if (reason == null) {
            reason = named(inlineCode(call), INLINE_CODE);
        }
        if (reason == null) {
            reason = named(downloadThenRun(call), DOWNLOAD_EXECUTE);
        }
        if (reason == null) {
            dev.toolgate.agent.validation.Verdict hit = destructive.check(call);
            if (hit != null) {
                rule = hit.rule();
                reason = hit.reason();
            }
        }
        if (reason == null) {
            String sql = DestructiveCommands.embeddedSql(call);
            if (sql != null) {
                String sqlReason = sqlCheck.apply(sql);
                if (sqlReason != null) {
                    reason = program + " runs SQL that is refused: " + sqlReason;
                }
            }
        }
        return reason;
    }

    private static String reverseShell(Invocation call) {
        String program = call.program();
        for (ShellWord word : call.arguments()) {
            String lower = word.text().toLowerCase(Locale.ROOT);
            if (lower.contains("/dev/tcp/") || lower.contains("/dev/udp/")) {
                return "network device path " + word.text() + " (a reverse shell or exfiltration channel)";
            }
        }
        if (Programs.NETCATS.contains(program)) {
            for (ShellWord word : call.arguments()) {
                String text = word.text();
                if (text.equals("-e")
                        || text.equals("-c")
                        || text.startsWith("--exec")
                        || text.startsWith("--sh-exec")
                        || text.startsWith("--lua-exec")
                        || text.matches("-[a-zA-Z]*e") && !text.startsWith("--")) {
                    return program + " " + text + " hands a program to a network peer (reverse or bind shell)";
                }
            }
        }
        if (program.equals("socat")) {
            for (ShellWord word : call.arguments()) {
                String lower = word.text().toLowerCase(Locale.ROOT);
                if (lower.startsWith("exec:") || lower.startsWith("system:") || lower.contains(",exec:")) {
                    return "socat connecting a program to the network (reverse or bind shell)";
                }
            }
        }
        if ((program.equals("mkfifo") || program.equals("mknod"))
                && call.arguments().size() >= 1) {
            return null;
        }
        if (program.equals("xterm") && call.hasArgument("-display")) {
            return "xterm -display opens a shell on a remote display";
        }
        return null;
    }

    /** Code given inline to an interpreter: reverse shells, fetch-and-run, fork loops. */
    private static String inlineCode(Invocation call) {
        String program = call.program();
        if (!Programs.INTERPRETERS.contains(program)
                && !program.startsWith("python")
                && !program.equals("powershell")
                && !program.equals("pwsh")
                && !program.equals("awk")
                && !program.equals("gawk")) {
            return null;
        }
        StringBuilder code = new StringBuilder();
        for (ShellWord word : call.arguments()) {
            code.append(word.text()).append(' ');
        }
        String lower = code.toString().toLowerCase(Locale.ROOT);
        if (SOCKET_CODE.matcher(lower).find() && RUNS_PROGRAMS.matcher(lower).find()) {
            return program + " code that connects a socket to a program (reverse shell)";
        }
        if (FETCHES_CODE.matcher(lower).find() && EVALS_CODE.matcher(lower).find()) {
            return program + " code that downloads and runs code";
        }
        if (FORK_LOOP.matcher(lower).find()) {
            return program + " code that forks in a loop (fork bomb)";
        }
        return null;
    }

    /** {@code curl -o x.sh URL; sh x.sh}: a file fetched earlier in the same line is executed. */
    private String downloadThenRun(Invocation call) {
        String program = call.program();
        List<ShellWord> args = call.arguments();
        if (Programs.FETCHERS.contains(program)) {
            for (int k = 0; k < args.size(); k++) {
                String text = args.get(k).text();
                if ((text.equals("-o")
                                || text.equals("-O")
                                || text.equals("--output")
                                || text.equals("--output-document"))
                        && k + 1 < args.size()) {
                    fetchedFiles.add(Invocation.baseName(args.get(k + 1).text()));
                } else if (text.startsWith("--output-document=") || text.startsWith("--output=")) {
                    fetchedFiles.add(Invocation.baseName(text.substring(text.indexOf('=') + 1)));
                } else if (!text.startsWith("-") && text.contains("/")) {
                    String last = text.substring(text.lastIndexOf('/') + 1);
                    int query = last.indexOf('?');
                    fetchedFiles.add((query >= 0 ? last.substring(0, query) : last).toLowerCase(Locale.ROOT));
                }
            }
            return null;
        }
        if (fetchedFiles.isEmpty()) {
            return null;
        }
        boolean runsFile = Programs.SHELLS.contains(program)
                || Programs.INTERPRETERS.contains(program)
                || program.equals("source")
                || program.equals(".")
                || program.equals("chmod");
        if (runsFile) {
            for (ShellWord word : args) {
                if (fetchedFiles.contains(Invocation.baseName(word.text()))) {
                    return "download and execute: " + word.text() + " was fetched earlier in the same command";
                }
            }
        } else if (fetchedFiles.contains(program)
                && call.command().words().get(0).text().contains("/")) {
            return "download and execute: " + program + " was fetched earlier in the same command";
        }
        return null;
    }

    /** A shell or interpreter that takes its program from standard input. */
    private static boolean readsCodeFromStdin(Invocation call) {
        String program = call.program();
        if ((program.equals("source") || program.equals(".")) && call.hasArgument("/dev/stdin")) {
            return true;
        }
        if (!Programs.SHELLS.contains(program)
                && !Programs.INTERPRETERS.contains(program)
                && !program.startsWith("python")) {
            return false;
        }
        for (ShellWord word : call.arguments()) {
            String text = word.text();
            if (text.equals("-") || text.equals("/dev/stdin") || text.equals("-s")) {
                return true;
            }
            if (Programs.INLINE_CODE_FLAGS.contains(text) || !text.startsWith("-")) {
                return false;
            }
        }
        return true;
    }

    private static String forkBomb(ShellScript script) {
        for (var function : script.functions().entrySet()) {
            int selfCalls = 0;
            boolean piped = false;
            for (SimpleCommand command : function.getValue()) {
                if (function.getKey().equals(command.program())) {
                    selfCalls++;
                    piped |= command.stage() > 0;
                }
            }
            if (selfCalls >= 2 || piped) {
                return "fork bomb: function '" + function.getKey() + "' starts copies of itself";
            }
        }
        return null;
    }

    /** Devices that are safe to write to. */
    static final class DestructiveCommandsSafe {
        private static final Set<String> SAFE = Set.of(
                "/dev/null",
                "/dev/stdout",
                "/dev/stderr",
                "/dev/stdin",
                "/dev/tty",
                "/dev/zero",
                "/dev/full",
                "/dev/console");

        private DestructiveCommandsSafe() {}

        static boolean isSafeDevice(String path) {
            return SAFE.contains(path);
        }
    }
}
