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
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code screen}: runs one validator over samples, one per line ({@code \n} inside a line stands for a line
 * break), and prints {@code allow} or {@code deny<TAB>reason} per sample; with {@code --eval DIR}, prints the
 * detection and false-positive rates per file of a labelled folder.
 */
@Command(
        name = "screen",
        description = {
            "Screen samples with a validator, or measure a labelled folder.",
            "Reads stdin, one sample a line (\\n in a line is a line break), and",
            "prints 'allow' or 'deny<TAB>reason' per sample. --eval prints the",
            "detection and false-positive rates per file of a labelled folder,",
            "also for its tuning and check halves when the folder has a",
            "SOURCES.tsv (lines split by source, see docs/policy.md)."
        })
final class ScreenCommand implements Callable<Integer> {

    /** Longer samples are not screened: the gate refuses arguments of this size before any validator runs. */
    static final int MAX_SAMPLE_CHARS = 1 << 20;
    /** Corpus files larger than this are not a corpus. */
    private static final long MAX_CORPUS_BYTES = 64L << 20;

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

    private final Io io;

    @Option(
            names = "--validator",
            paramLabel = "NAME",
            description = "The validator (a built-in type or one the policy names).")
    String validatorName;

    @Option(names = "--eval", paramLabel = "DIR", description = "A labelled folder to measure instead of stdin.")
    Path evalDir;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "Take named validators and settings from this policy.")
    Path policyFile;

    @Option(names = "--fail-on-deny", description = "Exit 1 when any sample is denied (with --validator).")
    boolean failOnDeny;

    ScreenCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        if ((validatorName == null) == (evalDir == null)) {
            throw CliFailure.usage("give either --validator NAME or --eval DIR");
        }
        if (failOnDeny && evalDir != null) {
            throw CliFailure.usage("--fail-on-deny applies to --validator; --eval reports rates, it denies nothing");
        }
        ValidationSettings settings;
        try {
            settings = policyFile == null
                    ? ValidationSettings.defaults()
                    : ValidationSettings.compile(new PolicyLoader(ValidationSettings.POLICY_CHECK).load(policyFile));
        } catch (PolicyException | SettingException e) {
            io.err().println(e.getMessage());
            return ExitCode.FINDING;
        }
        return evalDir != null
                ? evaluate(settings, evalDir, io.out(), io.err())
                : screen(settings, validatorName, io.in(), io.out(), io.err());
    }

    private int screen(ValidationSettings settings, String name, InputStream in, PrintStream out, PrintStream err)
            throws IOException {
        ArgumentValidator validator;
        try {
            validator = settings.validator(name);
        } catch (SettingException e) {
            throw CliFailure.usage(e.getMessage());
        }
        Reader reader = new BufferedReader(new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
        int denied = 0;
        Samples samples = new Samples(reader);
        for (String line; (line = samples.next()) != null; ) {
            Verdict verdict = line == OVERSIZED
                    ? Verdict.deny("the sample is over " + MAX_SAMPLE_CHARS + " characters; not screened")
                    : check(validator, line);
            denied += verdict.allowed() ? 0 : 1;
            out.println(render(verdict));
        }
        out.flush();
        return failOnDeny && denied > 0 ? ExitCode.FINDING : ExitCode.OK;
    }

    /** Marks a line longer than {@link #MAX_SAMPLE_CHARS}, whose rest was skipped unread into memory. */
    private static final String OVERSIZED = new String("oversized");

    /** Lines of the input, each at most {@link #MAX_SAMPLE_CHARS} long, read in blocks. */
    private static final class Samples {
        private final Reader reader;
        private final char[] buffer = new char[1 << 16];
        private int position;
        private int limit;

        Samples(Reader reader) {
            this.reader = reader;
        }

        /** The next line without its terminator, {@link #OVERSIZED}, or null at the end of the input. */
        String next() throws IOException {
            StringBuilder line = new StringBuilder();
            boolean oversized = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = reader.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                }
                any = true;
                int end = position;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                int room = MAX_SAMPLE_CHARS - line.length();
                if (end - position > room) {
                    oversized = true;
                }
                line.append(buffer, position, Math.min(end - position, room));
                boolean complete = end < limit;
                position = complete ? end + 1 : end;
                if (complete) {
                    break;
                }
            }
            if (oversized) {
                return OVERSIZED;
            }
            int length = line.length();
            return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
        }
    }

    private int evaluate(ValidationSettings settings, Path dir, PrintStream out, PrintStream err) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw CliFailure.usage(dir + (Files.exists(dir) ? " is not a directory" : " does not exist")
                    + "; --eval takes a folder of labelled sample files");
        }
        out.println(String.format(
                Locale.ROOT,
                "%-28s %-17s %-9s %7s %7s %8s %8s %8s  %s",
                "file",
                "validator",
                "label",
                "samples",
                "denied",
                "rate",
                "tuning",
                "check",
                "measure"));
        CorpusSplit split = CorpusSplit.of(dir);
        int found = 0;
        for (Corpus corpus : CORPORA) {
            Path file = dir.resolve(corpus.file());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            found++;
            InputFiles.textFile(file, "a file of samples, one a line");
            if (Files.size(file) > MAX_CORPUS_BYTES) {
                throw CliFailure.usage(file + " is " + Files.size(file) + " bytes, over the " + MAX_CORPUS_BYTES
                        + " bytes a sample file may have");
            }
            ArgumentValidator validator;
            try {
                validator = settings.validator(corpus.validator());
            } catch (SettingException e) {
                throw CliFailure.usage(e.getMessage());
            }
            // [0] tuning half, [1] check half
            int[] samplesIn = new int[2];
            int[] deniedIn = new int[2];
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                int half = split != null && split.isCheck(corpus.file(), number) ? 1 : 0;
                samplesIn[half]++;
                if (!check(validator, line).allowed()) {
                    deniedIn[half]++;
                }
            }
            int samples = samplesIn[0] + samplesIn[1];
            int denied = deniedIn[0] + deniedIn[1];
            double rate = rate(denied, samples);
            String measure = switch (corpus.label()) {
                case "malicious" -> "detection";
                case "benign" -> "false positives";
                default -> "denied (reported separately)";
            };
            out.println(String.format(
                    Locale.ROOT,
                    "%-28s %-17s %-9s %7d %7d %7.2f%% %8s %8s  %s",
                    corpus.file(),
                    corpus.validator(),
                    corpus.label(),
                    samples,
                    denied,
                    rate,
                    half(deniedIn[0], samplesIn[0]),
                    half(deniedIn[1], samplesIn[1]),
                    measure));
        }
        if (found == 0) {
            throw CliFailure.usage(dir + " holds none of the known files ("
                    + CORPORA.stream()
                            .map(Corpus::file)
                            .distinct()
                            .reduce((a, b) -> a + ", " + b)
                            .orElse("") + ")");
        }
        return ExitCode.OK;
    }

    private static double rate(int denied, int samples) {
        return samples == 0 ? 0 : 100.0 * denied / samples;
    }

    /** One half's rate, or "-" when the half holds no sample of the file. */
    private static String half(int denied, int samples) {
        return samples == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%", rate(denied, samples));
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
