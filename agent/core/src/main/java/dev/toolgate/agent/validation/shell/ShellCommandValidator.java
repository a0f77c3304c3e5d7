package dev.toolgate.agent.validation.shell;

import dev.toolgate.agent.rules.RulePack;
import dev.toolgate.agent.validation.ArgumentValidator;
import dev.toolgate.agent.validation.Verdict;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code shell-command}: a whole command line, parsed with POSIX quoting rules. Optionally restricted to an
 * allow-list of programs; always refuses download-and-execute, code-running command substitution, writes to
 * devices, recursive deletion of the root, home or everything, fork bombs, reverse shells and destructive
 * commands (see {@link DestructiveCommands}). Pipes between allowed programs are fine.
 */
public final class ShellCommandValidator implements ArgumentValidator {

    public static final String TYPE = "shell-command";

    private final Set<String> allowPrograms;
    private final Set<String> denyPrograms;
    private final int maxLength;
    private final Function<String, String> sqlCheck;
    private final DestructiveCommands destructive;

    /**
     * @param sqlCheck judges SQL passed to database clients ({@code psql -c}); returns a reason or null
     */
    public ShellCommandValidator(
            Set<String> allowPrograms, Set<String> denyPrograms, int maxLength, Function<String, String> sqlCheck) {
        this(allowPrograms, denyPrograms, maxLength, sqlCheck, RulePack.builtIn());
    }

    /** @param pack the rule pack whose {@code shell.*} tables name destructive programs and verbs */
    public ShellCommandValidator(
            Set<String> allowPrograms,
            Set<String> denyPrograms,
            int maxLength,
            Function<String, String> sqlCheck,
            RulePack pack) {
        this.destructive = new DestructiveCommands(pack);
        this.allowPrograms = lower(allowPrograms);
        this.denyPrograms = lower(denyPrograms);
        this.maxLength = maxLength;
        this.sqlCheck = sqlCheck;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Verdict check(String value) {
        if (value.length() > maxLength) {
            return Verdict.deny(
                    "the command line is " + value.length() + " characters long, over the limit of " + maxLength);
        }
        if (dev.toolgate.agent.validation.Utf16.firstUnpairedSurrogate(value) >= 0) {
            return Verdict.deny(
                    "the command line contains an unpaired UTF-16 surrogate, which cannot be encoded as" + " written");
        }
        if (value.indexOf('\0') >= 0) {
            return Verdict.deny("the command line contains a NUL byte");
        }
        if (value.isBlank()) {
            return Verdict.deny("the command line is empty");
        }
        try {
            ShellScript script = ShellParser.parse(value);
            CommandAnalyzer analyzer = new CommandAnalyzer(allowPrograms, denyPrograms, sqlCheck, destructive);
            String reason = analyzer.analyze(script);
            return reason == null ? Verdict.ALLOW : new Verdict(false, reason, analyzer.rule());
        } catch (ShellSyntaxException e) {
            return Verdict.deny("the command line cannot be parsed: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return Verdict.deny(
                    "the command line could not be checked (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Set<String> lower(Set<String> names) {
        // insertion order kept, so that reasons list the programs as the policy does
        java.util.Set<String> lower = new java.util.LinkedHashSet<>();
        names.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
        return java.util.Collections.unmodifiableSet(lower);
    }
}
