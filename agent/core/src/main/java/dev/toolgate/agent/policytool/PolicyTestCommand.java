package dev.toolgate.agent.policytool;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.validation.SettingException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code policy test DIR|FILE...}: runs policy test files (format: {@link TestFileReader}) against the policies
 * they name. Prints each failing case with its {@code file:line}, what was expected and what happened, then
 * {@code N passed, N failed} on a line of its own. Exit 0 when every case passes, 1 when one fails (a policy
 * that does not load fails all its cases), 2 for a command line or a test file that cannot be used.
 */
public final class PolicyTestCommand {

    static final String NAME = "policy test";

    public static final String USAGE = String.join(
            "\n",
            "usage: policy test [--verbose] DIR|FILE...",
            "",
            "Runs policy test files (*.yaml, *.yml; directories are searched recursively) against the policies",
            "they name, and prints each failure, then 'N passed, N failed'. Exit 0 when all pass, 1 on a",
            "failure, 2 on usage errors and malformed test files. Format: docs/policy-testing.md.");

    private PolicyTestCommand() {}

    /** What a run came to. */
    public record Result(int passed, int failed, boolean malformed) {
        public int exitCode() {
            return malformed ? 2 : failed > 0 ? 1 : 0;
        }
    }

    /** @param args the arguments after {@code policy test} */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Flags flags;
        List<Path> files;
        try {
            flags = Flags.parse(NAME, args, Set.of(), Set.of("verbose"));
            if (flags.help()) {
                out.println(USAGE);
                return 0;
            }
            if (flags.operands().isEmpty()) {
                throw new Flags.UsageException(NAME + ": name at least one test file or directory");
            }
            files = testFiles(flags.operands());
        } catch (Flags.UsageException e) {
            err.println("toolgate: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        return run(files, flags.isSet("verbose"), out, err).exitCode();
    }

    /** Runs {@code files} in order, printing failures and the summary line on {@code out}. */
    public static Result run(List<Path> files, boolean verbose, PrintStream out, PrintStream err) {
        int passed = 0;
        int failed = 0;
        boolean malformed = false;
        for (Path file : files) {
            TestSuite suite;
            try {
                suite = TestFileReader.read(file);
            } catch (TestFileReader.Malformed e) {
                e.problems().forEach(err::println);
                malformed = true;
                continue;
            }
            Explainer explainer;
            Policy policy;
            try {
                policy = PolicyTools.loader().load(suite.policy());
                explainer = Explainer.forPolicy(policy);
            } catch (PolicyException | SettingException e) {
                String problem = e instanceof SettingException setting
                        ? "key '" + setting.key() + "': " + e.getMessage()
                        : e.getMessage();
                out.println("FAIL " + file + ":" + suite.policyLine() + ": the policy does not load, so its "
                        + suite.cases().size() + " cases fail: " + problem);
                failed += suite.cases().size();
                continue;
            }
            for (TestCase testCase : suite.cases()) {
                Explanation explanation = explainer.explain(testCase.call());
                String mismatch = testCase.expected().mismatch(explanation);
                if (mismatch == null) {
                    passed++;
                    if (verbose) {
                        out.println("ok   " + testCase.location() + ": " + testCase.name());
                    }
                    continue;
                }
                failed++;
                out.println("FAIL " + testCase.location() + ": " + testCase.name());
                out.println("     " + mismatch);
                out.println("     see: policy explain --policy " + shown(suite.policy()) + " --role "
                        + testCase.call().role() + " --tool " + testCase.call().tool() + " --args '"
                        + testCase.argsJson() + "'");
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return new Result(passed, failed, malformed);
    }

    /** The path relative to the working directory when it is under it, as a person would type it. */
    private static Path shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) ? here.relativize(path) : path;
    }

    /** The test files named, directories expanded (recursively, sorted) to their YAML files. */
    static List<Path> testFiles(List<String> operands) throws Flags.UsageException {
        List<Path> files = new ArrayList<>();
        for (String operand : operands) {
            Path path = Path.of(operand);
            if (Files.isDirectory(path)) {
                List<Path> found;
                try (Stream<Path> walk = Files.walk(path)) {
                    found = walk.filter(Files::isRegularFile)
                            .filter(file -> file.toString().endsWith(".yaml")
                                    || file.toString().endsWith(".yml"))
                            .sorted()
                            .toList();
                } catch (IOException | UncheckedIOException e) {
                    throw new Flags.UsageException(NAME + ": cannot read directory " + path + " (" + e + ")");
                }
                if (found.isEmpty()) {
                    throw new Flags.UsageException(NAME + ": " + path + " holds no test files (*.yaml, *.yml)");
                }
                files.addAll(found);
            } else if (Files.exists(path)) {
                files.add(path);
            } else {
                throw new Flags.UsageException(NAME + ": " + path + ": no such file or directory");
            }
        }
        return files;
    }
}
