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
import java.util.stream.Stream;

/**
 * {@code policy test DIR|FILE...}: runs policy test files (format: {@link TestFileReader}) against the policies
 * they name. Prints each failing case with its {@code file:line}, what was expected and what happened, then
 * {@code N passed, N failed} on a line of its own. Exit 0 when every case passes, 1 when one fails (a policy
 * that does not load fails all its cases), 2 for a test file that cannot be used. The command line is the CLI's.
 */
public final class PolicyTestCommand {

    static final String NAME = "policy test";

    private PolicyTestCommand() {}

    /** What a run came to. */
    public record Result(int passed, int failed, boolean malformed) {
        public int exitCode() {
            return malformed ? 2 : failed > 0 ? 1 : 0;
        }
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
    public static List<Path> testFiles(List<Path> operands) throws UsageProblem {
        List<Path> files = new ArrayList<>();
        for (Path path : operands) {
            if (Files.isDirectory(path)) {
                List<Path> found;
                try (Stream<Path> walk = Files.walk(path)) {
                    found = walk.filter(Files::isRegularFile)
                            .filter(file -> file.toString().endsWith(".yaml")
                                    || file.toString().endsWith(".yml"))
                            .sorted()
                            .toList();
                } catch (IOException | UncheckedIOException e) {
                    throw new UsageProblem(NAME + ": cannot read directory " + path + " (" + e + ")");
                }
                if (found.isEmpty()) {
                    throw new UsageProblem(NAME + ": " + path + " holds no test files (*.yaml, *.yml)");
                }
                files.addAll(found);
            } else if (Files.exists(path)) {
                files.add(path);
            } else {
                throw new UsageProblem(NAME + ": " + path + ": no such file or directory");
            }
        }
        return files;
    }
}
