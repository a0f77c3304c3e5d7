package dev.toolgate.bench;

import dev.toolgate.agent.screening.PromptInjectionDetector;
import dev.toolgate.agent.screening.SecretScanner;
import dev.toolgate.agent.validation.ArgumentValidator;
import dev.toolgate.agent.validation.Options;
import dev.toolgate.agent.validation.SettingException;
import dev.toolgate.agent.validation.ValidatorFactory;
import dev.toolgate.agent.validation.Verdict;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to judge one typical argument, per validator, in the agent's own code (no call gate around it). Each
 * benchmark returns the verdict so that nothing is optimised away. The SQL benchmarks with a repeated statement
 * measure the verdict cache; {@code sqlReadNewValues} a new statement of a known shape, {@code sqlReadNewShape} a
 * full parse.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ValidatorBenchmark {

    private ArgumentValidator shellArg;
    private ArgumentValidator shellCommand;
    private ArgumentValidator path;
    private ArgumentValidator url;
    private ArgumentValidator sqlRead;
    private ArgumentValidator sql;
    private PromptInjectionDetector injection;
    private SecretScanner secrets;

    @Setup
    public void setUp() throws SettingException {
        shellArg = ValidatorFactory.create("shell-arg", Options.none("bench"));
        shellCommand = ValidatorFactory.create(
                "shell-command",
                new Options("bench", Map.of("allow_programs", List.of("git", "grep", "head", "ls", "cat"))));
        path = ValidatorFactory.create("path", new Options("bench", Map.of("roots", List.of("/srv/data"))));
        url = ValidatorFactory.create("url", Options.none("bench"));
        sqlRead = ValidatorFactory.create("sql-read", Options.none("bench"));
        sql = ValidatorFactory.create("sql", Options.none("bench"));
        injection = new PromptInjectionDetector(PromptInjectionDetector.DEFAULT_THRESHOLD);
        secrets = SecretScanner.BUILT_IN;
    }

    @Benchmark
    public Verdict shellArg() {
        return shellArg.check("release-2024_11.tar.gz");
    }

    @Benchmark
    public Verdict shellCommand() {
        return shellCommand.check("git log --oneline -n 20 -- src/main | grep -i 'fix' | head -5");
    }

    @Benchmark
    public Verdict path() {
        return path.check("reports/2024/q3/summary.csv");
    }

    @Benchmark
    public Verdict url() {
        return url.check("https://docs.example.com/guide/install.html?lang=en&version=2#linux");
    }

    @Benchmark
    public Verdict sqlRead() {
        return sqlRead.check("SELECT c.id, c.name, count(o.id) AS orders FROM customers c JOIN orders o"
                + " ON o.customer_id = c.id WHERE c.region = 'EU' GROUP BY c.id, c.name ORDER BY orders DESC LIMIT 20");
    }

    private int unique;

    /**
     * A statement never seen before, of a shape seen before (only its values differ, as when an agent fills a
     * template): lexed and checked token by token, the syntax-tree verdict comes from the shape.
     */
    @Benchmark
    public Verdict sqlReadNewValues() {
        return sqlRead.check("SELECT c.id, c.name, count(o.id) AS orders FROM customers c JOIN orders o"
                + " ON o.customer_id = c.id WHERE c.region = 'EU' GROUP BY c.id, c.name ORDER BY orders DESC LIMIT "
                + (++unique));
    }

    /** A statement of a shape never seen before (a new alias every call): a full parse with Druid every time. */
    @Benchmark
    public Verdict sqlReadNewShape() {
        return sqlRead.check("SELECT c.id, c.name, count(o.id) AS orders_" + (++unique) + " FROM customers c JOIN"
                + " orders o ON o.customer_id = c.id WHERE c.region = 'EU' GROUP BY c.id, c.name ORDER BY 3 DESC"
                + " LIMIT 20");
    }

    @Benchmark
    public Verdict sqlWrite() {
        return sql.check("UPDATE orders SET status = 'shipped' WHERE id = 4711");
    }

    @Benchmark
    public boolean promptInjection() {
        return injection.detected("Quarterly results: revenue grew 12% to 4.2M, driven by the EU region. The"
                + " board asked for a follow-up on churn in the SMB segment and a hiring plan for Q4.");
    }

    @Benchmark
    public int secrets() {
        return secrets.find("Deployed build 2024.11.3 to staging; see the release notes at"
                        + " https://wiki.example.com/releases for details.")
                .size();
    }
}
