package dev.toolgate.agent.cli;

import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.rules.Rule;
import dev.toolgate.agent.rules.RulePack;
import dev.toolgate.agent.rules.RulePackException;
import dev.toolgate.agent.rules.RulePackReader;
import dev.toolgate.agent.validation.SettingException;
import dev.toolgate.agent.validation.ValidationSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rules}: the rule pack the validators and screening match with. */
@Command(
        name = "rules",
        description = "Show and test the rule pack of the validators and screening.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.ShowRule.class, RulesCommand.TestRules.class})
final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed");
    }

    /** The built-in pack, or the pack as {@code policy}'s {@code screening.rules} changes it. */
    static RulePack pack(Path policy) {
        if (policy == null) {
            return RulePack.builtIn();
        }
        try {
            return ValidationSettings.compile(new PolicyLoader(ValidationSettings.POLICY_CHECK).load(policy))
                    .rules();
        } catch (PolicyException | SettingException e) {
            throw CliFailure.finding(e.getMessage());
        }
    }

    /** A subcommand that reads the pack, optionally as a policy changes it. */
    abstract static class PackCommand implements Callable<Integer> {
        final Io io;

        @Option(names = "--policy", paramLabel = "FILE", description = "The pack as this policy changes it.")
        Path policy;

        PackCommand(Io io) {
            this.io = io;
        }
    }

    @Command(name = "list", description = "List the rules: id, weight, kind and description.")
    static final class ListRules extends PackCommand {
        ListRules(Io io) {
            super(io);
        }

        @Override
        public Integer call() {
            for (Rule rule : pack(policy).all()) {
                io.out()
                        .println(String.format(
                                Locale.ROOT,
                                "%-36s %3d  %-7s %s",
                                rule.id(),
                                rule.weight(),
                                rule.pattern() == null ? "table" : "pattern",
                                rule.description().replaceAll("\\s+", " ")));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "show", description = "Print one rule whole, with its examples.")
    static final class ShowRule extends PackCommand {
        @Parameters(paramLabel = "ID", description = "The rule's id, e.g. injection.ignore.")
        String id;

        ShowRule(Io io) {
            super(io);
        }

        @Override
        public Integer call() {
            Rule rule = pack(policy).rule(id);
            if (rule == null) {
                throw CliFailure.usage("'" + id + "' is not the id of a rule; 'toolgate rules list' shows them");
            }
            io.out().println("id:          " + rule.id());
            io.out().println("from:        " + rule.origin());
            io.out().println("description: " + rule.description().replaceAll("\\s+", " "));
            io.out().println("weight:      " + rule.weight());
            if (rule.pattern() != null) {
                io.out().println("pattern:     " + rule.pattern().pattern());
                if (rule.triggers() != null) {
                    io.out().println("triggers:    " + String.join(", ", rule.triggers()));
                }
            } else {
                io.out().println("table:       " + rule.table());
                io.out().println("words:       " + String.join(", ", rule.words()));
            }
            rule.match().forEach(example -> io.out().println("match:       " + example));
            rule.notMatch().forEach(example -> io.out().println("not_match:   " + example));
            return ExitCode.OK;
        }
    }

    @Command(
            name = "test",
            description = {
                "Check rule files and their examples, or the built-in pack.",
                "Checks the format, the patterns, that ids are unique (with the",
                "built-in pack) and every match / not_match example."
            })
    static final class TestRules implements Callable<Integer> {
        private final Io io;

        @Parameters(paramLabel = "FILE", arity = "0..*", description = "Rule files (version: 1, rules: ...).")
        List<Path> files = new ArrayList<>();

        TestRules(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() throws IOException {
            RulePack builtIn = RulePack.builtIn();
            List<Rule> added = new ArrayList<>();
            try {
                for (Path file : files) {
                    InputFiles.textFile(file, "a rule file");
                    added.addAll(
                            RulePackReader.read(file.toString(), Files.readString(file, StandardCharsets.UTF_8), true));
                }
                builtIn.with(List.of(), added);
            } catch (RulePackException e) {
                io.err().println(e.getMessage());
                return ExitCode.FINDING;
            }
            int rules = files.isEmpty() ? builtIn.all().size() : added.size();
            int examples = (files.isEmpty() ? builtIn.all() : added)
                    .stream()
                            .mapToInt(r -> r.match().size() + r.notMatch().size())
                            .sum();
            io.out().println(rules + " rules, " + examples + " examples: all pass");
            return ExitCode.OK;
        }
    }
}
