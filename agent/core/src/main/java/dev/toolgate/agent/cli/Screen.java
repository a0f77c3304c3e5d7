package dev.toolgate.agent.cli;

import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.validation.ArgumentValidator;
import dev.toolgate.agent.validation.SettingException;
import dev.toolgate.agent.validation.ValidationSettings;
import dev.toolgate.agent.validation.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code screen}: runs one validator over samples, one per line ({@code \n} inside a line stands for a line
 * break), and prints {@code allow} or {@code deny<TAB>reason} per sample; with {@code --eval DIR}, prints the
 * detection and false-positive rates per file of a labelled folder.
 */
final class Screen {

    static final String USAGE = "screen --validator NAME [--policy FILE]   screen stdin, one sample a line\n"
            + "  screen --eval DIR [--policy FILE]                  rates per file of a labelled folder";

    /** Files of a labelled folder, the validator each exercises, and what it should do. */
    record Corpus(String file, String validator, String label) {}

    static final List<Corpus> CORPORA = List.of(
            new Corpus("cmd-injection.txt", "shell-arg", "malicious"),
            new Corpus("cmd-injection.txt", "shell-command", "malicious"),
            new Corpus("cmd-destructive.txt", "shell-command", "malicious"),
            new Corpus("benign-shell.txt", "shell-command", "benign"),
            new Corpus("benign-shell-dual-use.txt", "shell-command", "grey"),
            new Corpus("sql-destructive.txt", "sql", "malicious"),
            new Corpus("sql-injection.txt", "sql-read", "malicious"),
            new Corpus("benign-sql.txt", "sql-read", "benign"),
            new Corpus("path-traversal.txt", "path", "malicious"),
            new Corpus("benign-paths.txt", "path", "benign"),
            new Corpus("ssrf-urls.txt", "url", "malicious"),
            new Corpus("benign-urls.txt", "url", "benign"),
            new Corpus("prompt-injection.txt", "prompt-injection", "malicious"),
            new Corpus("jailbreak.txt", "prompt-injection", "grey"),
            new Corpus("benign-prompts.txt", "prompt-injection", "benign"));

    private Screen() {}

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        String validatorName = null;
        String policyFile = null;
        String evalDir = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--validator" -> validatorName = value;
                case "--policy" -> policyFile = value;
                case "--eval" -> evalDir = value;
                default -> {
                    err.println("toolgate screen: unknown option '" + arg + "'\nusage: " + USAGE);
                    return 2;
                }
            }
            if (value == null) {
                err.println("toolgate screen: " + arg + " needs a value\nusage: " + USAGE);
                return 2;
            }
            i++;
        }
        if ((validatorName == null) == (evalDir == null)) {
            err.println("toolgate screen: give either --validator NAME or --eval DIR\nusage: " + USAGE);
            return 2;
        }
        ValidationSettings settings;
        try {
            settings = policyFile == null
                    ? ValidationSettings.defaults()
                    : ValidationSettings.compile(
                            new PolicyLoader(ValidationSettings.POLICY_CHECK).load(Path.of(policyFile)));
        } catch (PolicyException | SettingException e) {
            err.println(e.getMessage());
            return 1;
        }
        try {
            return evalDir != null
                    ? evaluate(settings, Path.of(evalDir), out, err)
                    : screen(settings, validatorName, in, out, err);
        } catch (IOException e) {
            err.println("toolgate screen: " + e.getMessage());
            return 1;
        }
    }

    private static int screen(
            ValidationSettings settings, String name, InputStream in, PrintStream out, PrintStream err)
            throws IOException {
        ArgumentValidator validator;
        try {
            validator = settings.validator(name);
        } catch (SettingException e) {
            err.println("toolgate screen: " + e.getMessage());
            return 2;
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
        String line;
        while ((line = reader.readLine()) != null) {
            out.println(render(check(validator, line)));
        }
        out.flush();
        return 0;
    }

    private static int evaluate(ValidationSettings settings, Path dir, PrintStream out, PrintStream err)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            err.println("toolgate screen: " + dir + " is not a directory");
            return 2;
        }
        out.println(String.format(
                Locale.ROOT,
                "%-28s %-17s %-9s %7s %7s %8s  %s",
                "file",
                "validator",
                "label",
                "samples",
                "denied",
                "rate",
                "measure"));
        int found = 0;
        for (Corpus corpus : CORPORA) {
            Path file = dir.resolve(corpus.file());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            found++;
            ArgumentValidator validator;
            try {
                validator = settings.validator(corpus.validator());
            } catch (SettingException e) {
                err.println("toolgate screen: " + e.getMessage());
                return 2;
            }
            int samples = 0;
            int denied = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isEmpty()) {
                    continue;
                }
                samples++;
                if (!check(validator, line).allowed()) {
                    denied++;
                }
            }
            double rate = samples == 0 ? 0 : 100.0 * denied / samples;
            String measure = switch (corpus.label()) {
                case "malicious" -> "detection";
                case "benign" -> "false positives";
                default -> "denied (reported separately)";
            };
            out.println(String.format(
                    Locale.ROOT,
                    "%-28s %-17s %-9s %7d %7d %7.2f%%  %s",
                    corpus.file(),
                    corpus.validator(),
                    corpus.label(),
                    samples,
                    denied,
                    rate,
                    measure));
        }
        if (found == 0) {
            err.println("toolgate screen: " + dir + " holds none of the known files ("
                    + CORPORA.stream()
                            .map(Corpus::file)
                            .distinct()
                            .reduce((a, b) -> a + ", " + b)
                            .orElse("") + ")");
            return 2;
        }
        return 0;
    }

    private static Verdict check(ArgumentValidator validator, String line) {
        try {
            return validator.check(line.replace("\\n", "\n"));
        } catch (RuntimeException | StackOverflowError e) {
            return Verdict.deny("the validator failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String render(Verdict verdict) {
        return verdict.allowed() ? "allow" : "deny\t" + verdict.reason().replaceAll("[\\t\\r\\n]+", " ");
    }
}
